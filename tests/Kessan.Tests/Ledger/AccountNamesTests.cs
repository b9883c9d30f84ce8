using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

/// <summary>
/// Account names that differ in one byte anywhere (start, middle or end), of every length around the sizes the
/// journal reader compares names in, are told apart: each gets its own total, whatever the order they come in.
/// </summary>
public class AccountNamesTests
{
    [Theory]
    [InlineData("journal")]
    [InlineData("csv")]
    public void Names_one_byte_apart_keep_their_own_totals(string format) =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                seed =>
                {
                    var random = new Random(seed);
                    var length = random.Next(1, 62);
                    var stem = new string('a', length).ToCharArray();
                    stem[0] = 'A';
                    var names = new List<string> { new(stem) };
                    for (var k = 0; k < 6; k++)
                    {
                        var other = (char[])stem.Clone();
                        other[random.Next(length)] = (char)('b' + k); // one byte changed
                        names.Add(new string(other));
                    }

                    names.Add(new string(stem) + "x"); // one byte longer
                    names = [.. names.Distinct(StringComparer.Ordinal)];
                    var expected = names.ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
                    var text = new StringBuilder(format == "csv" ? "date,transaction id,account,amount\n" : "");
                    for (var t = 0; t < 60; t++)
                    {
                        var name = names[random.Next(names.Count)];
                        var amount = random.Next(1, 9_999_999);
                        expected[name] += amount;
                        var indent = new string(' ', random.Next(1, 9));
                        text.Append(format == "csv"
                            ? string.Create(CultureInfo.InvariantCulture, $"2003-04-01,t{t},{name},{amount}\n2003-04-01,t{t},Equity:Balancing,{-amount}\n")
                            : string.Create(CultureInfo.InvariantCulture, $"2003-04-01 * t{t}\n{indent}{name}    JPY {amount:#,0}\n    Equity:Balancing\n\n"));
                    }

                    using var files = new TestFiles();
                    var result = TrialBalanceTests.Run(files.Write("names." + format, text.ToString()), new TrialBalanceOptions { Parallelism = 1 });
                    var got = result.Value!.Lines.Where(l => l.Account != "Equity:Balancing").ToDictionary(l => l.Account, l => (long)l.Amount, StringComparer.Ordinal);
                    return result.Diagnostics.Count == 0 && expected.Where(e => e.Value != 0).All(e => got.TryGetValue(e.Key, out var v) && v == e.Value)
                        && got.Count == expected.Count(e => e.Value != 0);
                })
            .QuickCheckThrowOnFailure();
}
