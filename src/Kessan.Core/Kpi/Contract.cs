using Kessan.Diagnostics;

namespace Kessan.Kpi;

/// <summary>
/// One row of the contract register: a contract with its bandwidth, or accounts (a service without bandwidth).
/// A row may stand for <see cref="Count"/> identical contracts or accounts (same customer, service, bandwidth and
/// dates); a synthetic register stores accounts that way.
/// </summary>
/// <param name="Id">Unique in the register.</param>
/// <param name="Service">The code of its service, as the KPI file defines it (<see cref="ServiceDefinition.Code"/>).</param>
/// <param name="Bandwidth">Contract bandwidth of one contract; required for dedicated services, none for dial-up.</param>
/// <param name="Start">First day in force.</param>
/// <param name="End">First day no longer in force (the cancellation's effective date); null while open.</param>
public sealed record Contract(
    string Id,
    string Customer,
    string Service,
    Bandwidth? Bandwidth,
    DateOnly Start,
    DateOnly? End,
    int Count = 1,
    SourceLocation? Source = null)
{
    /// <summary>
    /// In force at a period end date when it has started on or before that date and has not ended by it:
    /// <c>Start &lt;= date</c> and (no end or <c>End &gt; date</c>). A contract ending on June 30 is not counted at June 30.
    /// </summary>
    public bool InForceAt(DateOnly date) => Start <= date && (End is not { } end || end > date);
}
