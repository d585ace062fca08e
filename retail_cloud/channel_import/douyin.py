# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""抖店 orders as the open API gives them: amounts in integer fen, times in
Unix seconds; a line's unit price is origin_amount / item_num."""
from .aliases import DOUYIN, DOUYIN_REFUND_KINDS, STATUSES
from .assembly import Dialect, read_json_files

DIALECT = Dialect(STATUSES['douyin'], DOUYIN_REFUND_KINDS, fen=True, unix=True)


def read(files, timezone, errors):
    return read_json_files('douyin', DOUYIN, DIALECT, files, timezone, errors)
