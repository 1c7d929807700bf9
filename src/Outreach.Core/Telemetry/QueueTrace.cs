using System.Diagnostics;

namespace Outreach.Core.Telemetry;

/// <summary>
/// Carries a trace across the queues: a message takes the W3C <c>traceparent</c> of the work that queued it,
/// and the stage that reads it starts its activity as that work's child, so one trace follows a scan from the
/// HTTP request or the timer through harvest and evaluate (https://www.w3.org/TR/trace-context/#traceparent-header).
/// </summary>
public static class QueueTrace
{
    /// <summary>The current activity's W3C id ("00-{trace}-{span}-{flags}"), or null outside one.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a consumer activity for a queue stage: the child of <paramref name="traceParent"/> when the
    /// message carries a valid one, linked to the activity the host runs the function in so the host's
    /// invocation still finds it. A message from before the field existed, or a malformed one, continues the
    /// current activity (the invocation's) or, outside one, starts a new trace. Null when nobody listens.
    /// </summary>
    public static Activity? StartStage(string name, string? traceParent, string? scanId, long attempt)
    {
        var invocation = Activity.Current;
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        ActivityLink[]? links = invocation is not null && parent != default ? [new ActivityLink(invocation.Context)] : null;
        var activity = OutreachTelemetry.Source.StartActivity(name, ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("outreach.scan.id", scanId);
        activity?.SetTag("messaging.message.delivery_count", attempt);
        return activity;
    }

    /// <summary>Marks the activity failed with the exception's type name (never its message, which may name a mailbox).</summary>
    public static void Failed(this Activity? activity, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity?.SetTag("error.type", error.GetType().FullName);
    }
}
