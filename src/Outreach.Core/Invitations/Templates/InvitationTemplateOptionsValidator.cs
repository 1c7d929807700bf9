using System.Text.RegularExpressions;
using Fluid;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// Start-up check of the custom templates: a valid name and mode, a subject and a body that parse, use only
/// known variables and filters on every branch, and render for a full and for a sparse sample invitation.
/// Each failure names the setting ("Outreach:Invitations:Templates:coffee:Body") and Fluid's error.
/// </summary>
public sealed partial class InvitationTemplateOptionsValidator : IValidateOptions<InvitationTemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (templateName, definition) in options.Templates.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase))
        {
            failures.AddRange(Validate(templateName, definition));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Validate(string templateName, InvitationTemplateDefinition? definition)
    {
        var path = $"{InvitationTemplateOptions.SectionName}:{templateName}";
        if (!TemplateName().IsMatch(templateName))
        {
            yield return $"{path}: a template name has 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.";
        }

        if (definition is null)
        {
            yield return $"{path}: give Mode, Subject and Body.";
            yield break;
        }

        var builtIn = BuiltInTemplates.All.FirstOrDefault(t => t.Name.Equals(templateName, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null && !definition.ReplaceBuiltIn)
        {
            yield return $"{path}: '{builtIn.Name}' is a built-in template; set {path}:ReplaceBuiltIn=true to replace it, or choose another name.";
        }

        if (!InvitationModes.TryParse(definition.Mode, out _))
        {
            yield return $"{path}:Mode is '{definition.Mode}': give 'video' or 'in-person'.";
        }

        var subjectProblems = LiquidTemplates.Check(definition.Subject, out var subject);
        foreach (var problem in subjectProblems) yield return $"{path}:Subject: {problem}.";
        var bodyProblems = LiquidTemplates.Check(definition.Body, out var body);
        foreach (var problem in bodyProblems) yield return $"{path}:Body: {problem}.";

        if (subject is null || body is null) yield break;
        foreach (var failure in TrialRender(subject, body).Distinct(StringComparer.Ordinal)) yield return $"{path}:{failure}";
    }

    /// <summary>What static checks cannot see (a filter given the wrong arguments, say) shows when rendering.</summary>
    private static IEnumerable<string> TrialRender(IFluidTemplate subject, IFluidTemplate body)
    {
        foreach (var sample in TemplateVariables.Samples())
        {
            var variables = TemplateVariables.From(sample);
            string? failure = null;
            try
            {
                LiquidTemplates.Render(subject, variables, NullEncoder.Default);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = $"Subject: does not render: {e.Message}";
            }

            if (failure is not null) yield return failure;
            failure = null;
            try
            {
                LiquidTemplates.Render(body, variables, LiquidTemplates.BodyEncoder);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = $"Body: does not render: {e.Message}";
            }

            if (failure is not null) yield return failure;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateName();
}
