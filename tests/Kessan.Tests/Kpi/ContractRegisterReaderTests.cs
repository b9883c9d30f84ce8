using Kessan.Diagnostics;
using Kessan.Kpi;

namespace Kessan.Tests.Kpi;

/// <summary>One small reproducer per message of the register reader.</summary>
public class ContractRegisterReaderTests
{
    private const string Header = "contract_id,customer,service,bandwidth,start,end";

    private static Result<IReadOnlyList<Contract>> Read(params string[] lines) =>
        ContractRegisterReader.Read(new StringReader(string.Join("\n", lines) + "\n"), "contracts.csv", Repo.Kpis);

    private static Diagnostic Single(Result<IReadOnlyList<Contract>> result)
    {
        result.Diagnostics.Count.ShouldBe(1, string.Join("\n", result.Diagnostics));
        return result.Diagnostics[0];
    }

    [Fact]
    public void Reads_a_good_register()
    {
        var result = Read(
            Header + ",count",
            "C000001,\"Aoyama Trading Co., Ltd.\",dedicated_ip,1.5Mbps,2001-04-01,,",
            "C000002,Kanda Securities Inc.,Data-center connectivity,100Mbps,2002-10-01,2003-06-30,1",
            "",
            "D000001,IJ4U retail members,ij4u_dialup,,1999-05-03,,1250");
        result.Diagnostics.ShouldBeEmpty();
        var c = result.Value!;
        c.Count.ShouldBe(3);
        c[0].ShouldBe(new Contract("C000001", "Aoyama Trading Co., Ltd.", "dedicated_ip", Bandwidth.FromKbps(1_500), new(2001, 4, 1), null, 1, new SourceLocation("contracts.csv", 2)));
        c[1].Service.ShouldBe("dc_connectivity");
        c[1].End.ShouldBe(new DateOnly(2003, 6, 30));
        c[2].Count.ShouldBe(1250);
        c[2].Bandwidth.ShouldBeNull();
        c[2].Source.ShouldBe(new SourceLocation("contracts.csv", 5));
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_case()
    {
        var result = Read("Start,End,Service,Bandwidth,Customer,Contract ID", "2001-04-01,,dedicated_ip,64kbps,Kobe Foods K.K.,C9");
        result.Diagnostics.ShouldBeEmpty();
        result.Value!.Single().Id.ShouldBe("C9");
    }

    [Fact]
    public void Missing_column()
    {
        var d = Single(Read("contract_id,customer,service,bandwidth,start", "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01"));
        d.ToString().ShouldBe("contracts.csv:1: error register.bad-header: the header has no 'end' column; a register has the columns contract_id,customer,service,bandwidth,start,end (and optionally count)");
    }

    [Fact]
    public void Empty_register() => Single(Read()).Code.ShouldBe("register.bad-header");

    [Fact]
    public void Missing_columns() =>
        Single(Read("contract_id,customer,service", "C1,Kobe Foods K.K.,dedicated_ip")).Message
            .ShouldStartWith("the header has no columns 'bandwidth', 'start', 'end';");

    [Fact]
    public void Bad_date()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,", "C2,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,2003-02-30"));
        d.ToString().ShouldBe("contracts.csv:3: error register.bad-end: end date 2003-02-30 is not a date; write dates as YYYY-MM-DD, for example 2003-06-30, or leave it empty while the contract is open");
    }

    [Fact]
    public void Bad_start_date()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,64kbps,01/04/2001,"));
        d.ToString().ShouldBe("contracts.csv:2: error register.bad-start: start date 01/04/2001 is not a date; write dates as YYYY-MM-DD, for example 2003-06-30");
    }

    [Fact]
    public void Unknown_service()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,leased line,64kbps,2001-04-01,"));
        d.ToString().ShouldBe("contracts.csv:2: error register.bad-service: service 'leased line' of contract C1 is not one of dedicated_ip, dc_connectivity, other_dedicated, ij4u_dialup, other_dialup");
    }

    [Fact]
    public void Bad_bandwidth()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,1.5Mb,2001-04-01,"));
        d.ToString().ShouldBe("contracts.csv:2: error register.bad-bandwidth: bandwidth '1.5Mb' of contract C1 is not understood: write a number and a unit, for example 128kbps, 1.5Mbps or 1Gbps");
    }

    [Fact]
    public void Bandwidth_without_unit()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,1.5,2001-04-01,"));
        d.Message.ShouldBe("bandwidth '1.5' of contract C1 is not understood: it has no unit; write for example 1.5Mbps");
    }

    [Fact]
    public void Dedicated_contract_without_bandwidth()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,other_dedicated,,2001-04-01,"));
        d.ToString().ShouldBe("contracts.csv:2: error register.missing-bandwidth: contract C1 (other dedicated) has no bandwidth; every dedicated contract needs one, for example 1.5Mbps");
    }

    [Fact]
    public void End_before_start()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2003-04-01,2003-03-31"));
        d.ToString().ShouldBe("contracts.csv:2: error register.ends-before-start: contract C1 ends (2003-03-31) before it starts (2003-04-01)");
    }

    [Fact]
    public void End_on_start_is_never_in_force()
    {
        var result = Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2003-04-01,2003-04-01");
        var d = Single(result);
        d.Severity.ShouldBe(Severity.Warning);
        d.Message.ShouldBe("contract C1 starts and ends on 2003-04-01, so it is never in force");
        result.Value!.Count.ShouldBe(1);
    }

    [Fact]
    public void Duplicate_contract_id()
    {
        var d = Single(Read(Header, "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,", "C2,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,", "C1,Sapporo Steel Inc.,dedicated_ip,1Mbps,2002-04-01,"));
        d.ToString().ShouldBe("contracts.csv:4: error register.duplicate-id: contract id C1 is used again (first on line 2); each contract has its own id");
    }

    [Fact]
    public void Empty_contract_id() => Single(Read(Header, ",Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,")).Message.ShouldBe("the contract id is empty");

    [Fact]
    public void Bad_count()
    {
        var d = Single(Read(Header + ",count", "D1,IJ4U retail members,ij4u_dialup,,2001-04-01,,0"));
        d.ToString().ShouldBe("contracts.csv:2: error register.bad-count: count '0' of contract D1 is not a whole number of at least 1");
    }

    [Fact]
    public void Wrong_number_of_fields()
    {
        var d = Single(Read(Header, "C1,Kobe Foods, K.K.,dedicated_ip,64kbps,2001-04-01,"));
        d.ToString().ShouldBe("contracts.csv:2: error register.field-count: the row has 7 fields but the header has 6");
    }

    [Fact]
    public void Stray_quote()
    {
        var d = Single(Read(Header, "C1,Kobe \"Foods\" K.K.,dedicated_ip,64kbps,2001-04-01,"));
        d.Code.ShouldBe("register.bad-row");
        d.Location.ShouldBe(new SourceLocation("contracts.csv", 2));
    }

    [Fact]
    public void Quoted_field_across_lines_keeps_line_numbers()
    {
        var result = Read(Header, "C1,\"Kobe Foods\nK.K.\",dedicated_ip,64kbps,2001-04-01,", "C2,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,2000-01-01");
        Single(result).Location.ShouldBe(new SourceLocation("contracts.csv", 4));
        result.Value!.Single().Customer.ShouldBe("Kobe Foods\nK.K.");
    }

    [Fact]
    public void Unused_column_is_a_warning()
    {
        var d = Single(Read(Header + ",notes", "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,,renewed"));
        d.Severity.ShouldBe(Severity.Warning);
        d.Message.ShouldBe("column 'notes' is not used");
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var result = Read(
            Header,
            "C1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,2003-02-30",
            "C2,Kobe Foods K.K.,leased line,64kbps,2001-04-01,",
            "C3,Kobe Foods K.K.,dedicated_ip,fast,2001-04-01,",
            "C4,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,",
            "C4,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,");
        result.Diagnostics.Select(d => (d.Code, d.Location!.Value.Line)).ShouldBe([("register.bad-end", 2), ("register.bad-service", 3), ("register.bad-bandwidth", 4), ("register.duplicate-id", 6)]);
        result.Value!.Single().Id.ShouldBe("C4");
    }

    [Fact]
    public void Missing_file_is_a_diagnostic() =>
        ContractRegisterReader.ReadFile("/nonexistent/contracts.csv", Repo.Kpis).Diagnostics.Single().Code.ShouldBe("register.missing-file");
}
