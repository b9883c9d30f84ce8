namespace Kessan.Kpi;

/// <summary>Codes of the problems of the contract register and its synthesizer; docs/errors.md says what each means and what to do.</summary>
public static class RegisterCodes
{
    /// <summary>The contract register file does not exist.</summary>
    public const string MissingFile = "register.missing-file";

    /// <summary>The register is empty or its header lacks or repeats a column.</summary>
    public const string BadHeader = "register.bad-header";

    /// <summary>A row has more or fewer fields than the header.</summary>
    public const string FieldCount = "register.field-count";

    /// <summary>A contract id is empty.</summary>
    public const string MissingId = "register.missing-id";

    /// <summary>A service is missing or not one the KPI file defines.</summary>
    public const string BadService = "register.bad-service";

    /// <summary>A bandwidth is not understood.</summary>
    public const string BadBandwidth = "register.bad-bandwidth";

    /// <summary>A dedicated contract has no bandwidth.</summary>
    public const string MissingBandwidth = "register.missing-bandwidth";

    /// <summary>A start date is missing or not a date.</summary>
    public const string BadStart = "register.bad-start";

    /// <summary>An end date is not a date.</summary>
    public const string BadEnd = "register.bad-end";

    /// <summary>A contract ends before it starts.</summary>
    public const string EndsBeforeStart = "register.ends-before-start";

    /// <summary>A contract id is used twice.</summary>
    public const string DuplicateId = "register.duplicate-id";

    /// <summary>A count is not a whole number of at least 1.</summary>
    public const string BadCount = "register.bad-count";

    /// <summary>A row's quoting is broken.</summary>
    public const string BadRow = "register.bad-row";

    /// <summary>A column Kessan does not use (warning).</summary>
    public const string UnusedColumn = "register.unused-column";

    /// <summary>A contract starts and ends on the same day (warning).</summary>
    public const string NeverInForce = "register.never-in-force";

    /// <summary>A contract has no customer (warning).</summary>
    public const string NoCustomer = "register.no-customer";

    /// <summary>The targets of a synthetic register are incomplete.</summary>
    public const string SynthTargets = "synth.register-targets";

    /// <summary>No synthetic register reproduces the target bandwidth.</summary>
    public const string SynthBandwidth = "synth.register-bandwidth";

    /// <summary>The KPI file (services, concepts, tiers) does not exist.</summary>
    public const string KpisMissingFile = "register.kpis-missing-file";

    /// <summary>The KPI file is not valid YAML.</summary>
    public const string KpisBadYaml = "register.kpis-bad-yaml";

    /// <summary>The KPI file has no services, or a service lacks its code or what it is counted in, or two services or concepts clash.</summary>
    public const string KpisBadShape = "register.kpis-bad-shape";

    /// <summary>A service's or the file's settings for the synthetic register are missing or not numbers and dates.</summary>
    public const string KpisBadSynth = "register.kpis-bad-synth";

    /// <summary>A service's 'tiers:' is not a list, or a tier lacks id, concept, lower_kbps or upper_kbps.</summary>
    public const string TiersBadShape = "register.tiers-bad-shape";

    /// <summary>A tier's bound is not a positive number of kbps.</summary>
    public const string TiersBadKbps = "register.tiers-bad-kbps";

    /// <summary>A tier's lower bound is above its upper bound.</summary>
    public const string TiersLowerAboveUpper = "register.tiers-lower-above-upper";

    /// <summary>Two tiers overlap.</summary>
    public const string TiersOverlap = "register.tiers-overlap";

    /// <summary>A tier id or concept is used twice.</summary>
    public const string TiersDuplicate = "register.tiers-duplicate";

    /// <summary>A tier uses the concept of another line of the KPIs.</summary>
    public const string TiersTakenConcept = "register.tiers-taken-concept";

    /// <summary>A contract in force of a service counted by tiers has a bandwidth in no tier.</summary>
    public const string NoTier = "register.no-tier";
}
