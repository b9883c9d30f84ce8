using Kessan.Kpi;

namespace Kessan.Tests.Kpi;

/// <summary>The KPI file (kpis.yaml): services, the concepts they are counted in, tiers and synthesis settings.</summary>
public class KpiDefinitionTests
{
    private static IEnumerable<string> Problems(string yaml) =>
        KpiDefinition.Load(new StringReader(yaml), "kpis.yaml").Diagnostics.Select(d => d.ToString());

    [Fact]
    public void The_example_names_its_services_and_concepts_in_table_order()
    {
        Repo.Kpis.Services.Select(s => s.Code).ShouldBe(["dedicated_ip", "dc_connectivity", "other_dedicated", "ij4u_dialup", "other_dialup"]);
        Repo.Kpis.Concepts.ShouldBe(
        [
            Tables3And4.Ip64kTo128k, Tables3And4.Ip192kTo768k, Tables3And4.Ip1mTo2m, Tables3And4.Ip3mTo1200m,
            Tables3And4.DcConnectivityContracts, Tables3And4.OtherDedicatedContracts, Tables3And4.Ij4uDialupAccounts,
            Tables3And4.OtherDialupAccounts, Tables3And4.DedicatedBandwidth, Tables3And4.DcConnectivityBandwidth,
        ]);
    }

    [Theory]
    [InlineData("dedicated_ip", "dedicated_ip")]
    [InlineData("Dedicated IP", "dedicated_ip")]
    [InlineData("Data-center connectivity", "dc_connectivity")]
    [InlineData("data centre", "dc_connectivity")]
    [InlineData("IJ4U dial-up", "ij4u_dialup")]
    [InlineData("leased line", null)]
    public void A_service_is_read_by_its_code_label_or_other_spelling(string text, string? code) =>
        Repo.Kpis.Find(text)?.Code.ShouldBe(code);

    [Fact]
    public void Dedicated_services_are_those_with_bandwidth() =>
        Repo.Kpis.Services.Where(s => s.IsDedicated).Select(s => s.Code).ShouldBe(["dedicated_ip", "dc_connectivity", "other_dedicated"]);

    [Fact]
    public void A_missing_file_is_register_kpis_missing_file() =>
        KpiDefinition.LoadFile("/nonexistent/kpis.yaml").Diagnostics.Single().Code.ShouldBe("register.kpis-missing-file");

    [Fact]
    public void Broken_yaml_is_register_kpis_bad_yaml_not_an_exception() =>
        Problems("services:\n  - code: [x\n").Single().ShouldStartWith("kpis.yaml:3:1: error register.kpis-bad-yaml: the KPI file is not valid YAML");

    [Fact]
    public void Broken_yaml_has_its_code() =>
        KpiDefinition.Load(new StringReader("services:\n  - code: [x\n"), "kpis.yaml").Diagnostics.Single().Code.ShouldBe("register.kpis-bad-yaml");

    [Fact]
    public void No_services_is_register_kpis_bad_shape() =>
        Problems("tiers: []\n").Single().ShouldBe("kpis.yaml:1: error register.kpis-bad-shape: the KPI file has no 'services:' list (each service: code, label, and concept or tiers)");

    [Fact]
    public void A_service_counted_in_nothing_is_reported_at_its_line() =>
        Problems("services:\n  - code: a\n    concept: kpi.a\n  - code: b\n    label: B\n").Single()
            .ShouldBe("kpis.yaml:4: error register.kpis-bad-shape: service b has neither a concept nor tiers: say which KPI its contracts or accounts are counted in");

    [Fact]
    public void Two_services_spelled_alike_are_an_error() =>
        Problems("services:\n  - code: dial_up\n    concept: kpi.a\n  - code: b\n    label: Dial-up\n    concept: kpi.b\n").Single()
            .ShouldBe("kpis.yaml:4: error register.kpis-bad-shape: service b is spelled like service dial_up ('dialup'): a register row could not say which it is");

    [Fact]
    public void Synthesis_settings_that_are_not_numbers_are_register_kpis_bad_synth() =>
        Problems("services:\n  - code: a\n    concept: kpi.a\n    synth: { since: 1 April 1998, churn: 5%, partners: [P] }\n").ShouldBe(
        [
            "kpis.yaml:4: error register.kpis-bad-synth: 'since' of service a should be the date its first contracts start, as YYYY-MM-DD",
            "kpis.yaml:4: error register.kpis-bad-synth: 'churn' of service a is '5%', not a number",
        ]);

    [Fact]
    public void A_service_without_synthesis_settings_cannot_be_synthesized()
    {
        var kpis = KpiDefinition.Load(new StringReader("services:\n  - code: a\n    concept: kpi.a\n"), "kpis.yaml").Value!;
        var targets = new RegisterTargets([new DateOnly(2003, 6, 30)], new Dictionary<string, long[]> { ["kpi.a"] = [5] }, new Dictionary<string, decimal[]>());
        RegisterSynthesizer.Generate(1, targets, kpis).Diagnostics.Single().ToString()
            .ShouldBe("kpis.yaml:2: error register.kpis-bad-synth: service a has no 'synth:' settings, so no register can be made up for it (docs/kpi.md)");
    }
}
