# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The 旺店通 import template: one row per line, order values repeated;
平台优惠 is the order's platform coupon."""
from .aliases import GENERIC_ORDERS, REFUND_KINDS, STATUSES
from .assembly import Dialect, read_line_rows

DIALECT = Dialect(STATUSES['generic'], REFUND_KINDS, fen=False, unix=False)


def read(files, timezone, errors):
    return read_line_rows(
        'generic', GENERIC_ORDERS, DIALECT, files, timezone, errors)
