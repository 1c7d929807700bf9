using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Outreach.Functions.Http;

/// <summary>RFC 9457 problem details: what went wrong, and for bad input the field at fault.</summary>
internal static class Problems
{
    private const string ProblemJson = "application/problem+json";

    public static ObjectResult Invalid(string field, string message) =>
        Result(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "The request is not valid.",
            Detail = $"{field}: {message}",
        });

    public static ObjectResult NotFound(string detail) =>
        Result(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Not found.",
            Detail = detail,
        });

    private static ObjectResult Result(ProblemDetails problem) =>
        new(problem) { StatusCode = problem.Status, ContentTypes = { ProblemJson } };
}
