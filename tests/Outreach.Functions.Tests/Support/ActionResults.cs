using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Functions.Tests.Support;

/// <summary>Executes an IActionResult as ASP.NET Core would, to check the status, headers and body on the wire.</summary>
internal static class ActionResults
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static async Task<(int Status, string ContentType, string Body, IHeaderDictionary Headers)> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Response.Body = new MemoryStream();
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        return (context.Response.StatusCode, context.Response.ContentType ?? "", body, context.Response.Headers);
    }

    public static async Task<JsonElement> JsonAsync(IActionResult result) => JsonDocument.Parse((await ExecuteAsync(result)).Body).RootElement;

    public static HttpRequest Request(string? body = null, string method = "POST", string? accept = null, string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        if (accept is not null) context.Request.Headers.Accept = accept;
        if (query is not null) context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
