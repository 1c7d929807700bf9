using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Outreach.Functions.Http;

/// <summary>RFC 9457 problem details: what went wrong, and for bad input the field at fault.</summary>
internal static class Problems
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>What every route that takes a mailbox says when it is not an address.</summary>
    public const string MailboxMessage = "must be a user principal name such as avery@contoso.com";

    public static ObjectResult InvalidMailbox() => Invalid("mailbox", MailboxMessage);

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

    /// <summary>413: the field (the body) is larger than the route takes.</summary>
    public static ObjectResult TooLarge(string field, long maxBytes) =>
        Result(new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            Title = "The request is too large.",
            Detail = $"{field}: larger than {maxBytes / (1024 * 1024)} MiB ({maxBytes} bytes), the most this route takes",
            Extensions = { ["field"] = field, ["maxBytes"] = maxBytes },
        });

    /// <summary>409: the request raced something that wins (an erasure of the mailbox); nothing of it was kept.</summary>
    public static ObjectResult Conflict(string detail) =>
        Result(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            Title = "The request conflicted with an erasure.",
            Detail = detail,
        });

    /// <summary>Graph refused: 403 names the missing permission, 404 the unknown mailbox, anything else is a 502.</summary>
    public static ObjectResult Upstream(Core.Sources.MailboxAccessException refused) =>
        Result(new ProblemDetails
        {
            Status = refused.Failure switch
            {
                Core.Sources.MailboxAccessFailure.Forbidden => StatusCodes.Status403Forbidden,
                Core.Sources.MailboxAccessFailure.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status502BadGateway,
            },
            Title = "Microsoft Graph refused the request.",
            Detail = refused.Message,
        });

    /// <summary>
    /// 403: the mailbox is not enrolled (or its owner opted out). Names the field that gave the mailbox and the
    /// app setting an administrator changes; nothing was done and Graph was not called for the mailbox.
    /// </summary>
    public static ObjectResult NotEnrolled(Core.Enrollment.EnrollmentDecision decision, string field) =>
        Result(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            Title = "The mailbox is not enrolled.",
            Detail = $"{field}: {decision.Reason}",
            Extensions =
            {
                ["field"] = field,
                ["enrollment"] = EnrollmentNames.Of(decision.Status),
                ["setting"] = decision.Setting,
            },
        });

    private static ObjectResult Result(ProblemDetails problem) =>
        new(problem) { StatusCode = problem.Status, ContentTypes = { ProblemJson } };
}
