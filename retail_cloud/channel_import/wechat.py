# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""微信小店 orders as its API gives them: integer fen, Unix seconds."""
from .aliases import REFUND_KINDS, STATUSES, WECHAT
from .assembly import Dialect, read_json_files

DIALECT = Dialect(STATUSES['wechat'], REFUND_KINDS, fen=True, unix=True)


def read(files, timezone, errors):
    return read_json_files('wechat', WECHAT, DIALECT, files, timezone, errors)
