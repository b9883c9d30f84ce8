using FsCheck;
using FsCheck.Fluent;
using Kessan.Consolidation;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Facts;
using Kessan.Kpi;

namespace Kessan.Tests.Readers;

/// <summary>
/// Every reader of users' files, given random bytes or a real file with random bytes changed, inserted or cut, never
/// throws and always gives a result or the problems that stopped it (never neither).
/// </summary>
public sealed class ReaderPropertyTests
{
    /// <summary>Bytes that break readers most often: separators, quotes, line ends, NUL, invalid UTF-8, YAML syntax.</summary>
    private static readonly byte[] Interesting = [0, (byte)',', (byte)'"', (byte)'\n', (byte)'\r', (byte)'\t', (byte)' ', (byte)'#', (byte)':', (byte)'-', (byte)'{', (byte)'[', (byte)'%', (byte)'*', (byte)'&', (byte)'!', (byte)'|', (byte)'>', 0xFF, 0xE9, 0xC3, 0x80, (byte)'9', (byte)'.'];

    private static readonly string Example = Repo.Example;

    /// <summary>
    /// <paramref name="sample"/> changed by the operations <paramref name="ops"/> read three at a time: what to do
    /// (replace, insert, cut a run, duplicate a run), where, and with which byte.
    /// </summary>
    internal static byte[] Mutate(byte[] sample, int[] ops)
    {
        var bytes = new List<byte>(sample);
        for (var i = 0; i + 2 < ops.Length && i < 30; i += 3)
        {
            var at = bytes.Count == 0 ? 0 : ops[i + 1] % bytes.Count;
            var b = ops[i + 2] % 3 == 0 ? (byte)(ops[i + 2] % 256) : Interesting[ops[i + 2] % Interesting.Length];
            switch (ops[i] % 4)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = b;
                    break;
                case 1:
                    bytes.Insert(at, b);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(1 + (ops[i + 2] % 40), bytes.Count - at));
                    break;
                default:
                    bytes.InsertRange(at, bytes.Skip(at).Take(1 + (ops[i + 2] % 40)).ToList());
                    break;
            }
        }

        return [.. bytes];
    }

    private static Arbitrary<int[]> Ops => Gen.ArrayOf(Gen.Choose(0, 1 << 24)).ToArbitrary();

    private static Arbitrary<int[]> RandomBytes => Gen.ArrayOf(Gen.Choose(0, 255)).ToArbitrary();

    private static bool ResultOrProblems<T>(Result<T> result) =>
        result.Value is not null || result.Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Decodes as every reader does; a file that is not text is a problem, never an exception.</summary>
    private static bool Text(byte[] bytes, string name, Func<string, bool> read)
    {
        var text = TextInput.Decode(bytes, name);
        return text.Value is null ? text.Diagnostics.Single().Severity == Severity.Error : read(text.Value);
    }

    private static bool Facts(byte[] bytes)
    {
        var definition = ExampleDefinition.Value;
        return Text(bytes, "facts.csv", t => ResultOrProblems(FactsReader.Read(new StringReader(t), "facts.csv", definition.Concepts, definition.Calendar)));
    }

    private static readonly Lazy<ReleaseDefinition> ExampleDefinition = new(() => DefinitionLoader.Load(Example).Value!);

    private static bool Register(byte[] bytes) =>
        Text(bytes, "contracts.csv", t => ResultOrProblems(ContractRegisterReader.Read(new StringReader(t), "contracts.csv", Kessan.Tests.Kpi.Repo.Kpis)));

    private static bool Tiers(byte[] bytes) =>
        Text(bytes, "kpis.yaml", t => ResultOrProblems(KpiDefinition.Load(new StringReader(t), "kpis.yaml")));

    private static bool Group(byte[] bytes) =>
        Text(bytes, "group.txt", t => ResultOrProblems(GroupStructure.Parse(t, "group.txt")));

    private static bool Mapping(byte[] bytes) =>
        Text(bytes, "iij.map", t => ResultOrProblems(AccountMapping.Parse("iij", t, "iij.map")));

    private static bool CashFlow(byte[] bytes) =>
        Text(bytes, "cashflow.txt", t => ResultOrProblems(CashFlowDefinition.Parse(t, "cashflow.txt")));

    private const string CashFlowSample = "cash bs.cash\ncash-effect cf.effect_of_exchange\nbs.receivables operating cf.receivables\nbs.property * investing cf.purchase_of_property\nbs.debt noncash\n";

    private const string MappingSample = "Assets:Cash  bs.cash\nAssets:Receivable  bs.receivables  tech\nIncome:*  revenue.other\n";

    private static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(Example, file));

    private static byte[] Head(byte[] bytes, int lines) =>
        [.. bytes.Take(bytes.Select((b, i) => (b, i)).Where(x => x.b == '\n').Skip(lines - 1).Select(x => x.i + 1).FirstOrDefault(bytes.Length))];

    [Fact]
    public void Facts_reader_survives_mutated_facts() =>
        Prop.ForAll(Ops, ops => Facts(Mutate(Head(Sample("facts.csv"), 40), ops))).QuickCheckThrowOnFailure();

    [Fact]
    public void Facts_reader_survives_random_bytes() =>
        Prop.ForAll(RandomBytes, raw => Facts([.. raw.Select(b => (byte)b)])).QuickCheckThrowOnFailure();

    [Fact]
    public void Register_reader_survives_mutated_registers() =>
        Prop.ForAll(Ops, ops => Register(Mutate(Head(Sample("contracts.csv"), 40), ops))).QuickCheckThrowOnFailure();

    [Fact]
    public void Register_reader_survives_random_bytes() =>
        Prop.ForAll(RandomBytes, raw => Register([.. raw.Select(b => (byte)b)])).QuickCheckThrowOnFailure();

    [Fact]
    public void Tier_reader_survives_mutated_tiers() =>
        Prop.ForAll(Ops, ops => Tiers(Mutate(Sample("kpis.yaml"), ops))).QuickCheckThrowOnFailure();

    [Fact]
    public void Group_mapping_and_cash_flow_readers_survive_mutated_files() =>
        Prop.ForAll(Ops, ops =>
                Group(Mutate(Sample("group.txt"), ops))
                && Mapping(Mutate(System.Text.Encoding.UTF8.GetBytes(MappingSample), ops))
                && CashFlow(Mutate(System.Text.Encoding.UTF8.GetBytes(CashFlowSample), ops)))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Text_decoding_of_random_bytes_gives_text_or_one_problem_at_a_real_place() =>
        Prop.ForAll(RandomBytes, raw =>
            {
                byte[] bytes = [.. raw.Select(b => (byte)b)];
                var text = TextInput.Decode(bytes, "any.txt");
                return text.Value is not null
                    ? text.Diagnostics.Count == 0
                    : text.Diagnostics.Single() is { Location: { Line: >= 1, Column: >= 1 } at } && at.Line <= bytes.Count(b => b == '\n') + 1;
            })
            .QuickCheckThrowOnFailure();

    /// <summary>The definition files, each mutated in turn in a copy of the example: the loader gives a definition or problems.</summary>
    [Theory]
    [InlineData("release.yaml")]
    [InlineData("concepts.yaml")]
    [InlineData("calculations.yaml")]
    [InlineData("tables/01-revenues.yaml")]
    [InlineData("tables/balance-sheet.yaml")]
    public void Definition_loader_survives_a_mutated_definition_file(string file)
    {
        var copy = Repo.CopyExample(Directory.CreateTempSubdirectory("kessan-prop-").FullName);
        try
        {
            var original = File.ReadAllBytes(Path.Combine(copy, file));
            Prop.ForAll(Ops, ops =>
                {
                    File.WriteAllBytes(Path.Combine(copy, file), Mutate(original, ops));
                    return ResultOrProblems(DefinitionLoader.Load(copy));
                })
                .Check(Config.QuickThrowOnFailure.WithMaxTest(40));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_yaml_node_the_reader_cannot_place_is_a_problem_not_a_crash()
    {
        // Found by the property above (CI, 3 Dec 2026): these edits of calculations.yaml made the YAML reader throw an
        // ArgumentException ("The current event is of an unsupported type") rather than a YamlException.
        int[] ops = [1070708, 10426745, 3668776, 1349837, 3846395, 8116361, 6129419, 12092828, 12498431, 13766752, 2288299, 7927808, 6621459, 6300263, 12287812, 2758554, 7733565, 8115588, 13148769];
        var copy = Repo.CopyExample(Directory.CreateTempSubdirectory("kessan-prop-").FullName);
        try
        {
            var file = Path.Combine(copy, "calculations.yaml");
            File.WriteAllBytes(file, Mutate(File.ReadAllBytes(file), ops));
            ResultOrProblems(DefinitionLoader.Load(copy)).ShouldBeTrue();
            var tiers = Kessan.Kpi.KpiDefinition.Load(new StringReader(File.ReadAllText(file)), "kpis.yaml");
            tiers.Diagnostics.ShouldNotBeEmpty();
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
