#!/usr/bin/env python3
"""Writes the same seeded synthetic general ledger as a ledger/hledger journal and as a beancount file.

usage: gen_journal.py TRANSACTIONS OUT_DIR [SEED]
Transactions have 2 to 4 postings (2.7 on average), amounts in whole yen, dates from April 2002 to June 2003,
a code in parentheses, a description, and in a third of them the last posting's amount is left out.
"""
import os
import random
import sys

ACCOUNTS = [
    "Assets:Current:Cash", "Assets:Current:TimeDeposits", "Assets:Current:AccountsReceivable",
    "Assets:Current:Inventories", "Assets:Current:PrepaidExpenses", "Assets:Current:OtherCurrent",
    "Assets:Investments:EquityMethod", "Assets:Investments:Other", "Assets:Property:Equipment",
    "Assets:Property:Software", "Assets:Property:Leased", "Assets:Other:GuaranteeDeposits",
    "Liabilities:Current:ShortTermBorrowings", "Liabilities:Current:AccountsPayable",
    "Liabilities:Current:AccruedExpenses", "Liabilities:Current:CapitalLeases", "Liabilities:Current:DeferredIncome",
    "Liabilities:LongTerm:Borrowings", "Liabilities:LongTerm:CapitalLeases", "Liabilities:LongTerm:Retirement",
    "Equity:CommonStock", "Equity:AdditionalPaidInCapital", "Equity:AccumulatedDeficit",
    "Income:ConnectivityOutsourcing:DedicatedAccess", "Income:ConnectivityOutsourcing:DialUp",
    "Income:ConnectivityOutsourcing:ValueAdded", "Income:Other:Other", "Income:SystemsIntegration:Construction",
    "Income:SystemsIntegration:Maintenance", "Income:Equipment:Sales", "Income:NonOperating:Interest",
    "Expenses:Cost:Connectivity", "Expenses:Cost:SystemsIntegration", "Expenses:Cost:Equipment",
    "Expenses:Operating:SalesMarketing", "Expenses:Operating:GeneralAdministrative",
    "Expenses:Operating:ResearchDevelopment", "Expenses:Operating:Depreciation",
    "Expenses:NonOperating:Interest", "Expenses:Tax:Income",
]
WORDS = ["dedicated", "access", "monthly", "fee", "customer", "network", "router", "lease", "payment", "invoice",
         "maintenance", "outsourcing", "systems", "integration", "data", "center", "line", "backbone", "service",
         "renewal", "settlement", "transfer", "accrual", "Tokyo", "Osaka", "contract"]


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2003)
    os.makedirs(out, exist_ok=True)
    start_ordinal = 730941  # 2002-04-01
    days = 456              # to 2003-06-30
    import datetime
    dates = [(datetime.date.fromordinal(start_ordinal + d)).isoformat() for d in range(days)]
    with open(os.path.join(out, "ledger.journal"), "w", buffering=1 << 20) as j, \
         open(os.path.join(out, "ledger.beancount"), "w", buffering=1 << 20) as b:
        j.write("commodity JPY 1,000.\n\n")
        b.write('option "operating_currency" "JPY"\n\n')
        for a in ACCOUNTS:
            j.write(f"account {a}\n")
            b.write(f"2000-01-01 open {a}\n")
        j.write("\n")
        b.write("\n")
        day_of = sorted(rng.randrange(days) for _ in range(n))
        for t in range(n):
            date = dates[day_of[t]]
            r = rng.random()
            k = 2 if r < 0.5 else 3 if r < 0.8 else 4
            accts = rng.sample(ACCOUNTS, k)
            amounts = [rng.randrange(1, 5_000_000) * (1 if rng.random() < 0.5 else -1) for _ in range(k - 1)]
            amounts.append(-sum(amounts))
            elide = rng.random() < 1 / 3
            desc = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 7)))
            code = f"GL{t + 1:07d}"
            j.write(f"{date} * ({code}) {desc}\n")
            b.write(f'{date} * "{code}" "{desc}"\n')
            for i in range(k):
                a = accts[i]
                v = amounts[i]
                if i == k - 1 and elide:
                    j.write(f"    {a}\n")
                else:
                    sign = "-" if v < 0 else ""
                    j.write(f"    {a}    {sign}JPY {abs(v):,}\n")
                b.write(f"  {a}  {v} JPY\n")
            j.write("\n")
            b.write("\n")


if __name__ == "__main__":
    main()
