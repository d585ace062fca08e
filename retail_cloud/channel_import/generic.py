# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The 旺店通 import template: one row per line, order values repeated."""
from .aliases import GENERIC_ORDERS, REFUND_KINDS, STATUSES
from .assembly import read_line_rows, read_order_values


def read(files, timezone, errors):
    return read_line_rows('generic', GENERIC_ORDERS, files, timezone, errors,
        read_head, read_line)


def read_head(fields):
    return dict(read_order_values(fields, STATUSES['generic']),
        coupon=fields.amount('coupon'),
        stated_receivable=fields.amount('stated_receivable', default=None),
        stated_discount=fields.amount('stated_discount', default=None))


def read_line(fields):
    return {
        'sub_number': fields.text('sub_number'),
        'sku': fields.text('sku', required=True),
        'barcode': fields.text('barcode'),
        'title': fields.text('title'),
        'quantity': fields.quantity('quantity'),
        'unit_price': fields.amount('unit_price', required=True),
        'line_total': fields.amount('line_total', default=None),
        'merchant_discount': fields.amount('merchant_discount'),
        'refund_amount': fields.amount('refund_amount'),
        'refund_kind': fields.choice('refund_kind', REFUND_KINDS),
        }
