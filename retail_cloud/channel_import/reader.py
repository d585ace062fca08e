# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The entry points: one reader per platform, all or nothing."""
from . import douyin, generic, jd, settlement, taobao, wechat
from .errors import ImportRefused, RowError
# The package exports the function normalised, which hides the module
from .normalised import normalised as normalised_form
from .normalised import read as read_normalised_files

READERS = {
    'taobao': taobao.read,
    'jd': jd.read,
    'douyin': douyin.read,
    'wechat': wechat.read,
    'generic': generic.read,
    'normalised': read_normalised_files,
    }
PLATFORMS = ('taobao', 'jd', 'douyin', 'wechat', 'generic')
PREVIEW_ORDERS = 10


def _collect(platform, files, timezone):
    "The orders read and every error found"
    errors = []
    if platform not in READERS:
        errors.append(RowError(None, None, None, 'unknown_format',
                {'platform': platform}))
        return [], errors
    if not files:
        errors.append(RowError(None, None, None, 'empty_file'))
        return [], errors
    return READERS[platform](files, timezone, errors), errors


def read_orders(platform, files, *, timezone='Asia/Shanghai'):
    """The Orders in files, a list of (filename, bytes); ImportRefused
    naming every bad row when any row is bad"""
    orders, errors = _collect(platform, files, timezone)
    if errors:
        raise ImportRefused(errors)
    return orders


def read_settlements(platform, files, *, timezone='Asia/Shanghai'):
    "The SettlementRows of payout reports; ImportRefused likewise"
    errors = []
    rows = settlement.read(platform, files, timezone, errors)
    if errors:
        raise ImportRefused(errors)
    return rows


def preview(platform, files, *, timezone='Asia/Shanghai', language='en'):
    "What an import would bring in, and what is wrong with it; never raises"
    orders, errors = _collect(platform, files, timezone)
    return {
        'platform': platform,
        'orders': len(orders),
        'lines': sum(len(o.lines) for o in orders),
        'paid': str(sum(o.paid for o in orders)),
        'receivable': str(sum(o.receivable for o in orders)),
        'first_orders': [
            normalised_form(o) for o in orders[:PREVIEW_ORDERS]],
        'errors': [e.message(language) for e in errors],
        }
