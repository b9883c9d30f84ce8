using FsCheck;
using FsCheck.Fluent;
using Kessan.Build;
using Kessan.Cli;
using Kessan.Diagnostics;
using Kessan.Kpi;
using Kessan.Synth;

namespace Kessan.Tests.Cli;

/// <summary>
/// One exit-code contract for every command: 0 success, 1 only when verify finds errors, 2 a problem of the input,
/// options or output location, 3 a bug (one line, the stack only with --verbose).
/// </summary>
public sealed class ExitCodeTests
{
    /// <summary>A standard output that fails as a bug would: whatever a command writes to it throws.</summary>
    private sealed class Broken : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the writer is broken");

        public override void Write(string? value) => throw new InvalidOperationException("the writer is broken");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the writer is broken");
    }

    /// <summary>A standard output on a full disk: whatever a command writes to it fails as the operating system's write does.</summary>
    private sealed class Full : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void WriteLine(string? value) => throw new IOException("No space left on device");
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("trial-balance")]
    [InlineData("--version")]
    public void Results_that_cannot_be_written_to_the_standard_output_are_a_problem_of_the_output_not_a_bug(string command)
    {
        string[] args = command switch
        {
            "verify" => ["verify", Kessan.Tests.Verify.VerifyTestData.SeedPath],
            "trial-balance" => ["trial-balance", Journal()],
            _ => ["--version"],
        };
        var error = new StringWriter();
        var code = KessanCli.Run(args, new Full(), error);
        code.ShouldBe(ExitCodes.BadInput);
        error.ToString().ShouldBe("kessan: the results could not be written to the standard output (No space left on device); what was written there is incomplete." + Environment.NewLine);
    }

    private static string Journal()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("kessan-exit-").FullName, "gl.journal");
        File.WriteAllText(file, "2003-04-01 * sale\n    Assets:Cash    JPY 1,000\n    Income:Sales\n");
        return file;
    }

    private static string Register()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("kessan-exit-").FullName, "contracts.csv");
        File.WriteAllText(file, "contract_id,customer,service,bandwidth,start,end\nC1,A,dedicated_ip,64kbps,2001-04-01,\n");
        return file;
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_asking_for_a_report_and_exit_code_3()
    {
        var error = new StringWriter();
        var code = KessanCli.Run(["register-kpis", Register(), "--kpis", Kessan.Tests.Kpi.Repo.File("examples/iij-2003q1/kpis.yaml"), "--at", "1Q03"], new Broken(), error);
        code.ShouldBe(ExitCodes.InternalError);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldStartWith("kessan: internal error (InvalidOperationException: the writer is broken); please report it");
        lines[0].ShouldContain("--verbose");
    }

    [Fact]
    public void With_verbose_the_internal_error_carries_its_stack_trace()
    {
        var error = new StringWriter();
        var code = KessanCli.Run(["register-kpis", Register(), "--kpis", Kessan.Tests.Kpi.Repo.File("examples/iij-2003q1/kpis.yaml"), "--at", "1Q03", "--verbose"], new Broken(), error);
        code.ShouldBe(ExitCodes.InternalError);
        error.ToString().ShouldContain("at Kessan.Cli");
    }

    [Fact]
    public void The_exit_codes_are_distinct()
    {
        new[] { ExitCodes.Ok, ExitCodes.Findings, ExitCodes.BadInput, ExitCodes.InternalError }.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_input_unreadable_not_a_crash()
    {
        var folder = Directory.CreateTempSubdirectory("kessan-unreadable-").FullName;
        var read = TextInput.ReadAllText(folder);
        read.Value.ShouldBeNull();
        read.Diagnostics.Single().Code.ShouldBe("input.unreadable");
        read.Diagnostics.Single().Message.ShouldContain("it is a folder");
    }

    [Fact]
    public void A_byte_order_mark_is_allowed_and_dropped()
    {
        var read = TextInput.Decode([0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n'], "x.csv");
        read.Value.ShouldBe("a\n");
    }

    [Fact]
    public void The_position_of_a_bad_byte_counts_characters_not_bytes()
    {
        // "ab\nxé" then 0xFF: line 2, column 3 (x, é are one character each though é is two bytes).
        byte[] bytes = [(byte)'a', (byte)'b', (byte)'\n', (byte)'x', 0xC3, 0xA9, 0xFF];
        var problem = TextInput.Check(bytes, "f.txt");
        problem.ShouldNotBeNull();
        problem.Location.ShouldBe(new SourceLocation("f.txt", 2, 3));
        problem.Message.ShouldContain("0xFF");
    }

    [Fact]
    public void Messages_never_write_raw_control_characters()
    {
        var d = Diagnostic.Error("facts.unknown-concept", new SourceLocation("f\u001b.csv", 2), "unknown concept 'a\u001b[31m\u0007'");
        d.ToString().ShouldBe("f\\x1B.csv:2: error facts.unknown-concept: unknown concept 'a\\x1B[31m\\x07'");
    }

    [Fact]
    public void Synth_ledger_writes_exactly_the_transactions_asked_or_says_why_not()
    {
        // synth.transactions: fewer transactions than the group has movements cannot be written exactly.
        var (definition, facts, diagnostics) = ReleasePipeline.Load(Repo.Example);
        diagnostics.ShouldNotContain(d => d.Severity == Severity.Error);
        var folder = Path.Combine(Directory.CreateTempSubdirectory("kessan-synth-").FullName, "out");
        var summary = LedgerSynthesizer.Write(definition!, facts, Path.Combine(Repo.Example, LedgerRelease.GroupFile), folder, 5, 1);
        summary.Value.ShouldBeNull();
        summary.Diagnostics.Single().Code.ShouldBe("synth.transactions");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void Transactions_are_split_to_exactly_the_number_asked() =>
        Prop.ForAll(
                Gen.ListOf(Gen.Choose(1, 1000)).ToArbitrary(),
                Gen.Choose(0, 20_000).ToArbitrary(),
                (caps, asked) =>
                {
                    var capacities = caps.Select(c => (long)c).ToList();
                    var counts = LedgerSynthesizer.Allocate(capacities, asked);
                    var possible = capacities.Count == 0 ? asked == 0 : asked >= capacities.Count && asked <= capacities.Sum();
                    return counts is null
                        ? !possible
                        : possible && counts.Sum() == asked && counts.Select((n, i) => n >= 1 && n <= capacities[i]).All(ok => ok);
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_register_whose_targets_lack_a_count_is_synth_register_targets()
    {
        var full = RegisterTargets.Read(Path.Combine(Repo.Example, "register-targets.csv"), Kessan.Tests.Kpi.Repo.Kpis).Value!;
        var lacking = full with { Counts = full.Counts.Skip(1).ToDictionary(kv => kv.Key, kv => kv.Value) };
        var result = RegisterSynthesizer.Generate(1, lacking, Kessan.Tests.Kpi.Repo.Kpis);
        result.Value.ShouldBeNull();
        result.Diagnostics.Single().Code.ShouldBe("synth.register-targets");
    }
}
