# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta


class AnalyticAccountEntry(metaclass=PoolMeta):
    __name__ = 'analytic.account.entry'

    @classmethod
    def copy(cls, entries, default=None):
        # analytic_sale copies each sale line's entries to its invoice
        # line, most often none; creating nothing still counts as a change
        # of the transaction and empties every record cache, so each next
        # line of the sale read again what the last one had read
        if not entries:
            return []
        return super().copy(entries, default=default)
