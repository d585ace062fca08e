# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""京东 order export (CSV or XLSX): one row per item, order values repeated;
应付金额 is the order's, discounts are the line's."""
from .aliases import JD_ORDERS, REFUND_KINDS, STATUSES
from .assembly import Dialect, read_line_rows

DIALECT = Dialect(STATUSES['jd'], REFUND_KINDS, fen=False, unix=False)


def read(files, timezone, errors):
    return read_line_rows('jd', JD_ORDERS, DIALECT, files, timezone, errors)
