using Microsoft.AspNetCore.Mvc;
using Outreach.Core.Enrollment;
using Outreach.Core.Serialization;
using Outreach.Core.Sources;

namespace Outreach.Functions.Http;

/// <summary>What every route that names a mailbox asks first: is it enrolled? Null when it may go on.</summary>
internal static class EnrollmentGate
{
    /// <param name="field">The request field that named the mailbox, for the problem's "field".</param>
    public static async Task<IActionResult?> RefuseAsync(IMailboxEnrollment enrollment, string mailbox, string field, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await enrollment.CheckAsync(mailbox, cancellationToken);
            return decision.IsEnrolled ? null : Problems.NotEnrolled(decision, field);
        }
        catch (MailboxAccessException refused)
        {
            // The group could not be listed (permission, unknown group, throttled): refused, with Graph's reason.
            return Problems.Upstream(refused);
        }
    }
}

/// <summary>The wire names of <see cref="EnrollmentStatus"/>, from its attributes.</summary>
internal static class EnrollmentNames
{
    public static string Of(EnrollmentStatus status) => WireNames<EnrollmentStatus>.Of(status);
}
