using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Ast;

namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// One Fluid parser and one set of options for every invitation template. Strict: an undefined variable
/// or an unknown filter is an error (Fluid's StrictVariables and StrictFilters), and the <c>raw</c> filter
/// (which would write a value without HTML encoding) does not exist.
/// </summary>
internal static class LiquidTemplates
{
    public static readonly FluidParser Parser = new();

    public static readonly TemplateOptions Options = CreateOptions();

    /// <summary>The body's encoder: HTML-encodes what HTML needs, leaves letters of every script as they are.</summary>
    public static readonly HtmlEncoder BodyEncoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ConcurrentDictionary<string, IFluidTemplate> Compiled = new(StringComparer.Ordinal);

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictVariables = true,
            StrictFilters = true,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            MaxSteps = 100_000,
        };
        options.Filters.Remove("raw");
        return options;
    }

    /// <summary>
    /// Parses a template and checks, on every branch, that it only uses known variables (or its own, from
    /// assign, capture, for…) and known filters, and no include or render. Returns the problems, empty when
    /// there are none.
    /// </summary>
    public static IReadOnlyList<string> Check(string? source, out IFluidTemplate? template)
    {
        template = null;
        if (string.IsNullOrWhiteSpace(source)) return ["is empty"];
        if (!Parser.TryParse(source, out var parsed, out var error))
        {
            return [$"Liquid syntax error: {FirstLine(error)}"];
        }

        var check = new UsageCheck();
        check.VisitTemplate(parsed);
        var problems = check.Problems();
        if (problems.Count == 0) template = parsed;
        return problems;
    }

    /// <summary>A parsed, checked template (cached by its text), or an exception listing its problems.</summary>
    public static IFluidTemplate Compile(string source) =>
        Compiled.GetOrAdd(source, static text =>
        {
            var problems = Check(text, out var template);
            return template ?? throw new InvalidOperationException($"Invalid invitation template: {string.Join("; ", problems)}.");
        });

    public static string Render(IFluidTemplate template, Dictionary<string, object> variables, TextEncoder encoder)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in variables) context.SetValue(name, value);
        return template.Render(context, encoder);
    }

    private static string FirstLine(string? error)
    {
        var text = (error ?? "unknown error").Trim();
        var source = text.IndexOf("Source:", StringComparison.Ordinal);
        if (source > 0) text = text[..source];
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Collects what a template uses, on every branch, and what it defines itself.</summary>
    private sealed class UsageCheck : AstVisitor
    {
        private readonly List<IReadOnlyList<MemberSegment>> _members = [];
        private readonly HashSet<string> _locals = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _filters = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _tags = new(StringComparer.Ordinal);

        public List<string> Problems()
        {
            var unknown = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var segments in _members)
            {
                if (segments.Count == 0 || segments[0] is not IdentifierSegment { Identifier: var root }) continue;
                if (_locals.Contains(root) || TemplateVariables.BuiltIn.Contains(root)) continue;
                if (!TemplateVariables.Schema.TryGetValue(root, out var members))
                {
                    unknown.Add(segments.Count > 1 && segments[1] is IdentifierSegment first ? $"{root}.{first.Identifier}" : root);
                    continue;
                }

                if (members.Length > 0 && segments.Count > 1 && segments[1] is IdentifierSegment { Identifier: var member } && !members.Contains(member))
                {
                    unknown.Add($"{root}.{member}");
                }
            }

            var problems = new List<string>();
            if (unknown.Count > 0)
            {
                problems.Add($"unknown variable{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} (known: {string.Join(", ", TemplateVariables.Names)})");
            }

            if (_filters.Count > 0)
            {
                problems.Add($"unknown filter{(_filters.Count == 1 ? "" : "s")} {string.Join(", ", _filters.Select(f => $"'{f}'"))}");
            }

            problems.AddRange(_tags.Select(t => $"the {t} tag is not available: a template is one text"));
            return problems;
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            _members.Add(memberExpression.Segments);
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (!Options.Filters.TryGetValue(filterExpression.Name, out _)) _filters.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            _locals.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            _locals.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            _locals.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
        {
            _locals.Add(tableRowStatement.Identifier);
            return base.VisitTableRowStatement(tableRowStatement);
        }

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
        {
            _locals.Add(incrementStatement.Identifier);
            return base.VisitIncrementStatement(incrementStatement);
        }

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
        {
            _locals.Add(decrementStatement.Identifier);
            return base.VisitDecrementStatement(decrementStatement);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            _tags.Add("include");
            return base.VisitIncludeStatement(includeStatement);
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            _tags.Add("render");
            return base.VisitRenderStatement(renderStatement);
        }
    }
}
