using NSubstitute;
using Outreach.Core.Enrollment;

namespace Outreach.Functions.Tests.Support;

/// <summary>Enrollment seams for tests of one route's own behaviour (the enrollment tests use the real service).</summary>
internal static class EnrollmentDoubles
{
    public static IMailboxEnrollment Everyone()
    {
        var enrollment = Substitute.For<IMailboxEnrollment>();
        enrollment.CheckAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => new EnrollmentDecision(call.Arg<string>(), EnrollmentStatus.Enrolled, "Enrolled.", null));
        return enrollment;
    }
}
