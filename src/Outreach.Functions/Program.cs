using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Outreach.Core;
using Outreach.Functions;
using Outreach.Functions.Telemetry;
using Outreach.Graph;
using Outreach.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddOutreachCore(builder.Configuration)
    .AddOutreachPipeline(builder.Configuration)
    .AddOutreachInvitations(builder.Configuration)
    .AddOutreachDigest(builder.Configuration)
    .AddOutreachImports(builder.Configuration)
    .AddOutreachGraph(builder.Configuration)
    .AddOutreachStorage(builder.Configuration)
    .AddOutreachFunctions()
    .AddOutreachTelemetry(builder.Configuration);
builder.Build().Run();
