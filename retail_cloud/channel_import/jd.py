# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""京东 order export (CSV or XLSX): one row per item, order values repeated;
应付金额 is the order's, discounts are the line's."""
from .aliases import JD_ORDERS, REFUND_KINDS, STATUSES
from .assembly import read_line_rows, read_order_values


def read(files, timezone, errors):
    return read_line_rows('jd', JD_ORDERS, files, timezone, errors,
        read_head, read_line)


def read_head(fields):
    return dict(read_order_values(fields, STATUSES['jd']))


def read_line(fields):
    return {
        'sub_number': fields.text('sub_number', required=True),
        'sku': fields.text('sku', required=True),
        'title': fields.text('title'),
        'quantity': fields.quantity('quantity'),
        'unit_price': fields.amount('unit_price', required=True),
        'merchant_discount': fields.amount('merchant_discount'),
        'platform_discount': fields.amount('platform_discount'),
        'refund_amount': fields.amount('refund_amount'),
        'refund_kind': fields.choice('refund_kind', REFUND_KINDS),
        }
