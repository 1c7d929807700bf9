using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Slots;
using Outreach.Core.Invitations.Templates;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Functions.Pipeline;
using Outreach.Graph;
using Outreach.Storage;

namespace Outreach.Functions.Tests.Infra;

/// <summary>
/// The deployment sets every setting the code reads, and nothing it does not: reflects over the options
/// classes and compares with the app settings in the compiled ARM template (infra/.build/main.json, which
/// infra/scripts/lint.sh writes), then checks that the template's parameters and main.parameters.json
/// carry the code's defaults and ranges.
/// </summary>
public sealed partial class AppSettingsTests
{
    /// <summary>The options the function app binds, with their configuration sections.</summary>
    private static readonly (Type Type, string Section)[] Options =
    [
        (typeof(PipelineOptions), PipelineOptions.SectionName),
        (typeof(WarmthPolicyOptions), WarmthPolicyOptions.SectionName),
        (typeof(ScanOptions), ScanOptions.SectionName),
        (typeof(GraphOptions), GraphOptions.SectionName),
        (typeof(InvitationOptions), InvitationOptions.SectionName),
        (typeof(SlotOptions), SlotOptions.SectionName),
        (typeof(DigestOptions), DigestOptions.SectionName),
        (typeof(Outreach.Core.Sources.SourceOptions), Outreach.Core.Sources.SourceOptions.SectionName),
    ];

    /// <summary>Secrets: secure string parameters (never a default, never in a parameters file's literal), or a Key Vault reference.</summary>
    private static readonly HashSet<string> Secure = new(StringComparer.OrdinalIgnoreCase)
    {
        "Outreach__Digest__SigningKey", "Outreach__Digest__PreviousSigningKey",
    };

    /// <summary>Options classes (with a SectionName) the template has no parameters for on purpose, and why.</summary>
    private static readonly Dictionary<Type, string> NotParameters = new()
    {
        [typeof(InvitationTemplateOptions)] =
            "a dictionary of custom templates (name → Mode, Subject, Body, ReplaceBuiltIn), none by default: not a flat setting; "
            + "infra/README.md says how to add one as Outreach__Invitations__Templates__<name>__* settings in app/functions.bicep",
        [typeof(Outreach.Core.Imports.ImportOptions)] =
            "size caps on LinkedIn export uploads (50 MiB, 256 MiB per inflated file, 2,000 zip entries) whose defaults suit every "
            + "deployment; an administrator who must change one adds Outreach__Imports__MaxUploadBytes (etc.) as an app setting",
    };

    /// <summary>Dictionary sections: the template may set "{section}__{any key}__{a property of the value type}".</summary>
    private static readonly (string Section, Type ValueType)[] Dictionaries =
    [
        (InvitationTemplateOptions.SectionName, typeof(InvitationTemplateDefinition)),
    ];

    /// <summary>Settings the code reads that the template leaves unset on purpose, and why.</summary>
    private static readonly Dictionary<string, string> NotSet = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Outreach__Graph__ClientSecret"] = "a secret for Auth=ClientSecret; the app signs in with its managed identity",
        ["Outreach__Graph__CertificatePath"] = "for Auth=ClientCertificate; the app signs in with its managed identity",
        ["Outreach__Graph__CertificatePassword"] = "for Auth=ClientCertificate; the app signs in with its managed identity",
        ["Outreach__Graph__AccessToken"] = "a bearer token for Auth=Token (CLI, tests); a managed identity gets its own tokens",
        [StorageNames.ConnectionSetting] = "the connection-string form carries an account key; shared keys are disabled and the identity-based form is set",
    };

    /// <summary>Options the deployment derives (identity, tenant, cloud) instead of taking a parameter.</summary>
    private static readonly HashSet<string> Derived = new(StringComparer.OrdinalIgnoreCase)
    {
        "Outreach__Graph__Auth", "Outreach__Graph__ClientId", "Outreach__Graph__TenantId", "Outreach__Graph__AuthorityHost",
    };

    /// <summary>Settings the Functions host (not the app's code) needs, which the template must set too.</summary>
    private static readonly string[] HostSettings =
    [
        "AzureWebJobsStorage__blobServiceUri", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>App settings a Flex Consumption app rejects (functionAppConfig says these things instead).</summary>
    private static readonly string[] RejectedByFlexConsumption =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "SCM_DO_BUILD_DURING_DEPLOYMENT",
    ];

    private static readonly string Root = FindRoot();
    private static readonly string CompiledTemplatePath = Path.Combine(Root, "infra", ".build", "main.json");

    [Fact]
    public void Every_setting_the_code_reads_is_set_by_the_template()
    {
        var settings = AppSettings();

        var missing = ReadByCode()
            .Where(s => !NotSet.ContainsKey(s.Name))
            .Where(s => !(s.IsList ? settings.Any(t => t.IsList && Same(t.Name, s.Name)) : settings.Any(t => !t.IsList && Same(t.Name, s.Name))))
            .Select(s => s.IsList ? $"{s.Name}__0, __1, ..." : s.Name)
            .Concat(HostSettings.Where(h => !settings.Any(t => Same(t.Name, h))))
            .ToList();

        Assert.True(missing.Count == 0, $"infra/app/functions.bicep does not set: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_Outreach_setting_in_the_template_is_read_by_the_code()
    {
        var read = ReadByCode().ToList();

        var unknown = AppSettings()
            .Where(s => s.Name.StartsWith("Outreach__", StringComparison.OrdinalIgnoreCase) || s.Name.StartsWith("OUTREACH_", StringComparison.Ordinal))
            .Where(s => !read.Any(r => r.IsList == s.IsList && Same(r.Name, s.Name)))
            .Where(s => s.IsList || !IsDictionaryEntry(s.Name))
            .Select(s => s.Name)
            .ToList();

        Assert.True(unknown.Count == 0, $"The template sets settings no options class reads (a typo?): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_options_class_is_deployed_or_excluded_with_a_reason()
    {
        var covered = Options.Select(o => o.Type).Concat(NotParameters.Keys).ToHashSet();
        var sections = new[] { typeof(PipelineOptions), typeof(GraphOptions), typeof(StorageOptions), typeof(QueueSettings) }
            .Select(t => t.Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();

        Assert.Contains(typeof(InvitationTemplateOptions), sections);
        var uncovered = sections.Where(t => !covered.Contains(t)).Select(t => t.FullName).ToList();
        Assert.True(uncovered.Count == 0, $"Options classes neither in AppSettingsTests.Options nor in NotParameters: {string.Join(", ", uncovered)}");
        foreach (var (type, section) in Options) Assert.Equal(section, type.GetField("SectionName")!.GetRawConstantValue());
    }

    [Fact]
    public void Only_optional_strings_are_left_out_when_empty()
    {
        var optional = AppSettings().Where(s => s.Optional).Select(s => s.Name).ToList();
        var properties = Options.SelectMany(o => Settable(o.Type).Select(p => (Name: SettingName(o.Section, p.Name), Property: p, o.Type))).ToList();
        var problems = new List<string>();
        foreach (var name in optional)
        {
            var match = properties.SingleOrDefault(p => Same(p.Name, name));
            if (match.Property is null) problems.Add($"{name}: no such option");
            else if (match.Property.PropertyType != typeof(string) || match.Property.GetValue(Activator.CreateInstance(match.Type)) is not null)
            {
                problems.Add($"{name}: only a string option whose default is null (unset) may be left out when empty");
            }
        }

        Assert.Contains("Outreach__Invitations__DefaultLocation", optional);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Settings_appear_once_and_none_that_Flex_Consumption_rejects()
    {
        var settings = AppSettings();

        Assert.Empty(settings.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(settings.Select(s => s.Name).Intersect(RejectedByFlexConsumption, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(settings, s => Same(s.Name, StorageNames.ConnectionSetting));
    }

    [Fact]
    public void Graph_and_storage_use_the_user_assigned_identity()
    {
        var settings = AppSettings().Where(s => !s.IsList).ToDictionary(s => s.Name, s => s.Value, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(GraphAuthMode.ManagedIdentity, Enum.Parse<GraphAuthMode>(settings["Outreach__Graph__Auth"], ignoreCase: true));
        Assert.Equal(StorageOptions.ManagedIdentityCredential, settings[$"{StorageNames.ConnectionSetting}__credential"]);
        const string clientId = "[parameters('identityClientId')]";
        Assert.Equal(clientId, settings["Outreach__Graph__ClientId"]);
        Assert.Equal(clientId, settings[$"{StorageNames.ConnectionSetting}__clientId"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void Every_tunable_option_is_a_template_parameter_with_the_code_default_and_range()
    {
        var parameters = MainParameters();
        var problems = new List<string>();
        foreach (var (type, section) in Options)
        {
            var defaults = Activator.CreateInstance(type)!;
            foreach (var property in Settable(type))
            {
                var setting = SettingName(section, property.Name);
                if (NotSet.ContainsKey(setting) || Derived.Contains(setting)) continue;

                var name = ParameterName(section, property.Name);
                if (!parameters.TryGetValue(name, out var parameter))
                {
                    problems.Add($"{setting}: no parameter '{name}' in infra/main.bicep");
                    continue;
                }

                if (IsList(property.PropertyType))
                {
                    if (parameter.GetProperty("type").GetString() != "string") problems.Add($"{name}: a comma-separated string parameter");
                    continue;
                }

                var expectedType = Secure.Contains(setting) ? "securestring" : ParameterType(property.PropertyType);
                if (parameter.GetProperty("type").GetString() != expectedType) problems.Add($"{name}: a {expectedType} parameter for {property.PropertyType.Name}");

                if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { IsEnum: true } enumType)
                {
                    // The configuration binder reads enums by member name (case-insensitively), not by their JSON names.
                    var allowed = parameter.TryGetProperty("allowedValues", out var a) ? a.EnumerateArray().Select(v => v.GetString()!).ToList() : [];
                    if (!allowed.SequenceEqual(Enum.GetNames(enumType))) problems.Add($"{name}: @allowed [{string.Join(", ", allowed)}], the enum's names are [{string.Join(", ", Enum.GetNames(enumType))}]");
                }

                if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
                {
                    var declaredMax = parameter.TryGetProperty("maxLength", out var l) ? l.GetInt32() : (int?)null;
                    if (declaredMax != maxLength.Length) problems.Add($"{name}: @maxLength {declaredMax}, the code's [MaxLength] is {maxLength.Length}");
                }

                if (!parameter.TryGetProperty("defaultValue", out var declared)) problems.Add($"{name}: no default");
                else if (Text(declared) is var text && text.Length > 0 && text != Text(property.GetValue(defaults)))
                {
                    problems.Add($"{name}: default {text}, the code's is {Text(property.GetValue(defaults))}");
                }

                if (property.GetCustomAttribute<RangeAttribute>() is { OperandType: var operand } range && operand == typeof(int))
                {
                    var (min, max) = (Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture), Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture));
                    var declaredMin = parameter.TryGetProperty("minValue", out var m) ? m.GetInt64() : (long?)null;
                    var declaredMax = parameter.TryGetProperty("maxValue", out var x) ? x.GetInt64() : (long?)null;
                    if (declaredMin != min || declaredMax != max) problems.Add($"{name}: @minValue/@maxValue {declaredMin}..{declaredMax}, the code's range is {min}..{max}");
                }
            }
        }

        if (!parameters.TryGetValue("weeklySchedule", out var schedule) || schedule.GetProperty("defaultValue").GetString() != QueueSettings.DefaultWeeklySchedule)
        {
            problems.Add($"weeklySchedule: default must be \"{QueueSettings.DefaultWeeklySchedule}\"");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_azd_parameters_file_maps_every_parameter_with_the_template_default()
    {
        var parameters = MainParameters();
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")));
        var mapped = file.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!);
        var problems = new List<string>();

        problems.AddRange(parameters.Keys.Except(mapped.Keys).Select(p => $"{p}: not in main.parameters.json"));
        problems.AddRange(mapped.Keys.Except(parameters.Keys).Select(p => $"{p}: no such parameter in infra/main.bicep"));
        foreach (var (name, value) in mapped.Where(m => parameters.ContainsKey(m.Key)))
        {
            var match = EnvironmentReference().Match(value);
            if (!match.Success)
            {
                problems.Add($"{name}: \"{value}\" is not \"${{VARIABLE}}\" or \"${{VARIABLE=default}}\"");
                continue;
            }

            var declared = parameters[name].TryGetProperty("defaultValue", out var d) ? Text(d) : null;
            var given = match.Groups["default"].Success ? match.Groups["default"].Value : "";
            if (declared is not null && given != declared) problems.Add($"{name}: main.parameters.json defaults to \"{given}\", the template to \"{declared}\"");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>An app setting; Optional: set only when its value is not empty (a filter over the entries).</summary>
    internal sealed record Setting(string Name, string Value, bool IsList, bool Optional = false);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>The ARM parameter type an option's value takes (TimeSpans and enums as strings, as app settings spell them).</summary>
    private static string ParameterType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(bool) ? "bool"
            : type == typeof(int) || type == typeof(long) ? "int"
            : "string";
    }

    /// <summary>"Outreach__Invitations__Templates__coffee__Subject": an entry of a dictionary section, with a property its values have.</summary>
    private static bool IsDictionaryEntry(string name) => Dictionaries.Any(d =>
    {
        var prefix = d.Section.Replace(":", "__", StringComparison.Ordinal) + "__";
        if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var rest = name[prefix.Length..].Split("__");
        return rest.Length == 2 && DictionaryKey().IsMatch(rest[0]) && Settable(d.ValueType).Any(p => Same(p.Name, rest[1]));
    });

    internal static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static string SettingName(string section, string property) => $"{section.Replace(":", "__", StringComparison.Ordinal)}__{property}";

    /// <summary>"Outreach:Policy" + "TextLookbackDays" → "policyTextLookbackDays".</summary>
    private static string ParameterName(string section, string property)
    {
        var last = section[(section.LastIndexOf(':') + 1)..];
        return $"{char.ToLowerInvariant(last[0])}{last[1..]}{property}";
    }

    /// <summary>Every setting the app reads: the options classes, the storage connection and the weekly schedule (the README's table is checked against it too).</summary>
    internal static IEnumerable<Setting> ReadByCode()
    {
        foreach (var (type, section) in Options)
        {
            foreach (var property in Settable(type)) yield return new Setting(SettingName(section, property.Name), "", IsList(property.PropertyType));
        }

        // StorageOptions.Bind reads the AzureWebJobsStorage section: its value, and camelCase children.
        foreach (var property in Settable(typeof(StorageOptions)))
        {
            var name = property.Name == nameof(StorageOptions.ConnectionString)
                ? StorageNames.ConnectionSetting
                : $"{StorageNames.ConnectionSetting}__{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]}";
            yield return new Setting(name, "", false);
        }

        yield return new Setting(QueueSettings.WeeklyScheduleSetting, "", false);

        // AddOutreachTelemetry: where Application Insights is, and the identity its exporter sends with.
        yield return new Setting(global::Outreach.Functions.Telemetry.TelemetryServiceCollectionExtensions.ConnectionStringSetting, "", false);
        yield return new Setting(global::Outreach.Functions.Telemetry.TelemetryServiceCollectionExtensions.AuthenticationStringSetting, "", false);
    }

    /// <summary>
    /// Settings of the options classes the template has no parameters for on purpose (<see cref="NotParameters"/>): still
    /// read by the code, so the README documents them. Dictionary sections are left to <see cref="Dictionaries"/>.
    /// </summary>
    internal static IEnumerable<Setting> ReadByCodeButNotDeployed()
    {
        foreach (var type in NotParameters.Keys)
        {
            if (type.GetField("SectionName")?.GetValue(null) is not string section) continue;
            if (Dictionaries.Any(d => d.Section == section)) continue;
            foreach (var property in Settable(type)) yield return new Setting(SettingName(section, property.Name), "", IsList(property.PropertyType));
        }
    }

    private static JsonElement CompiledTemplate()
    {
        if (!File.Exists(CompiledTemplatePath))
        {
            Assert.Fail($"{CompiledTemplatePath} is missing: run infra/scripts/lint.sh (it compiles infra/main.bicep) before the tests.");
        }

        var compiledAt = File.GetLastWriteTimeUtc(CompiledTemplatePath);
        var newer = Directory.EnumerateFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) > compiledAt).Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.True(newer.Count == 0, $"infra/.build/main.json is older than {string.Join(", ", newer)}: run infra/scripts/lint.sh again.");

        using var document = JsonDocument.Parse(File.ReadAllText(CompiledTemplatePath));
        return document.RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> MainParameters() =>
        CompiledTemplate().GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    /// <summary>The function app's siteConfig.appSettings, resolved through the module's variables and copy loops.</summary>
    private static List<Setting> AppSettings()
    {
        var (template, site) = Templates(CompiledTemplate())
            .SelectMany(t => Resources(t).Where(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites").Select(r => (t, r)))
            .Single();
        var appSettings = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings");
        if (appSettings.ValueKind == JsonValueKind.Array) return [.. appSettings.EnumerateArray().Select(ToSetting)];

        // "[concat(variables('settings'), variables('mailboxSettings'), ...)]"
        var expression = appSettings.GetString()!;
        Assert.Matches(ConcatOfVariables(), expression);
        var variables = template.GetProperty("variables");
        var settings = new List<Setting>();
        foreach (Match reference in VariableReference().Matches(expression))
        {
            var name = reference.Groups[1].Value;
            if (variables.TryGetProperty(name, out var literal) && literal.ValueKind == JsonValueKind.Array)
            {
                settings.AddRange(literal.EnumerateArray().Select(ToSetting));
                continue;
            }

            if (literal.ValueKind == JsonValueKind.String)
            {
                // "[filter(createArray(createObject('name', 'Outreach__...', 'value', ...), ...), lambda('setting', not(empty(...))))]"
                var filter = literal.GetString()!;
                Assert.True(FilterOfEntries().IsMatch(filter), $"Variable '{name}' is an expression the test does not understand: {filter}");
                settings.AddRange(EntryName().Matches(filter).Select(m => new Setting(m.Groups[1].Value, "", false, Optional: true)));
                continue;
            }

            var loop = variables.GetProperty("copy").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
            settings.Add(ToSetting(loop.GetProperty("input")));
        }

        return settings;
    }

    /// <summary>A literal name, or a copy loop's "[format('Outreach__Pipeline__Mailboxes__{0}', copyIndex(...))]": a list.</summary>
    private static Setting ToSetting(JsonElement entry)
    {
        var name = entry.GetProperty("name").GetString()!;
        var value = entry.GetProperty("value").GetString() ?? "";
        if (!name.StartsWith('[')) return new Setting(name, value, false);
        var indexed = IndexedName().Match(name);
        Assert.True(indexed.Success, $"An app setting's name is an expression the test does not understand: {name}");
        return new Setting(indexed.Groups[1].Value, value, true);
    }

    private static IEnumerable<JsonElement> Templates(JsonElement template)
    {
        yield return template;
        foreach (var resource in Resources(template))
        {
            if (resource.TryGetProperty("properties", out var properties) && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in Templates(nested)) yield return inner;
            }
        }
    }

    /// <summary>Resources as an array, or (languageVersion 2.0) as an object keyed by symbolic name.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template) =>
        !template.TryGetProperty("resources", out var resources) ? []
        : resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray()
        : resources.EnumerateObject().Select(p => p.Value);

    /// <summary>A default as main.parameters.json and app settings spell it: bools lower-case, TimeSpans "c", enums by name.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        Enum e => e.ToString(),
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement { ValueKind: JsonValueKind.True } => "true",
        JsonElement { ValueKind: JsonValueKind.False } => "false",
        JsonElement e => e.GetRawText(),
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Outreach.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"Outreach.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^\[concat\(variables\('[A-Za-z0-9_]+'\)(, variables\('[A-Za-z0-9_]+'\))*\)\]$")]
    private static partial Regex ConcatOfVariables();

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[format\('([A-Za-z0-9_]+)__\{0\}', copyIndex\('[A-Za-z0-9_]+'\)\)\]$")]
    private static partial Regex IndexedName();

    [GeneratedRegex(@"^\[filter\(createArray\(createObject\('name', '[A-Za-z0-9_]+', 'value', .*\), lambda\('(?<item>[A-Za-z0-9_]+)', not\(empty\(lambdaVariables\('\k<item>'\)\.value\)\)\)\)\]$")]
    private static partial Regex FilterOfEntries();

    [GeneratedRegex(@"createObject\('name', '([A-Za-z0-9_]+)', 'value'")]
    private static partial Regex EntryName();

    /// <summary>App setting names allow letters, digits, '.' and '_'; keys here are letters, digits and '_'.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex DictionaryKey();

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)(=(?<default>[^}]*))?\}$")]
    private static partial Regex EnvironmentReference();
}
