# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Payout (settlement) reports: what the platform paid for which order,
less commission and fees. Every platform's report is read by alias."""
from .aliases import SETTLEMENTS
from .model import SettlementRow
from .tabular import open_table


def read(platform, files, timezone, errors):
    rows = []
    for filename, data in files:
        table = open_table(filename, data, {'settlement': SETTLEMENTS},
            platform, errors)
        if table is None:
            continue
        for fields in table.fields(timezone):
            row = SettlementRow(file=filename, row=fields.locator.row,
                order_number=fields.text('order_number'),
                amount=fields.amount('amount'),
                commission=fields.amount('commission'),
                fees=fields.amount('fees'),
                settle_time=fields.time('settle_time'))
            if not fields.failed:
                rows.append(row)
    return rows
