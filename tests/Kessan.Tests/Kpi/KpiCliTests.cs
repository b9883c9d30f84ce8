using Kessan.Cli;

namespace Kessan.Tests.Kpi;

public class KpiCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = KessanCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Synth_register_then_register_kpis_prints_Tables_3_and_4()
    {
        var dir = Directory.CreateTempSubdirectory("kessan-");
        try
        {
            var file = Path.Combine(dir.FullName, "contracts.csv");
            var synth = Run("synth-register", "--seed", "11", "--out", file, "--targets", Path.Combine(Kessan.Tests.Repo.Example, "register-targets.csv"));
            synth.Code.ShouldBe(ExitCodes.Ok, synth.Err);
            synth.Out.ShouldStartWith("wrote ");

            var kpis = Run("register-kpis", file, "--kpis", Repo.File("examples/iij-2003q1/kpis.yaml"), "--at", "1Q02", "--at", "2003-03-31", "--at", "1Q03");
            kpis.Code.ShouldBe(ExitCodes.Ok, kpis.Err);
            kpis.Err.ShouldBeEmpty();
            var lines = kpis.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines[0].ShouldBe("concept\t2002-06-30\t2003-03-31\t2003-06-30");
            lines.ShouldContain("kpi.contracts.ip_64k_128k\t108\t112\t90");
            lines.ShouldContain("kpi.accounts.other_dialup\t232330\t450320\t515363");
            lines.Length.ShouldBe(11);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Register_kpis_reports_bad_rows_with_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("kessan-");
        try
        {
            var file = Path.Combine(dir.FullName, "contracts.csv");
            File.WriteAllText(file, "contract_id,customer,service,bandwidth,start,end\nC1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,2003-02-30\n");
            var run = Run("register-kpis", file, "--kpis", Repo.File("examples/iij-2003q1/kpis.yaml"), "--at", "1Q03");
            run.Code.ShouldBe(ExitCodes.BadInput, "a problem in the input is exit 2, like every command; 1 is verify's alone");
            run.Err.ShouldContain($"{file}:2: error register.bad-end: end date 2003-02-30 is not a date");
            run.Out.ShouldBeEmpty("no KPIs are printed from a register with errors");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Register_kpis_rejects_a_period_it_cannot_read()
    {
        var run = Run("register-kpis", "contracts.csv", "--at", "June");
        run.Code.ShouldBe(ExitCodes.BadInput);
        run.Err.ShouldContain("'June' is neither a date (2003-06-30) nor a quarter (1Q03)");
    }
}
