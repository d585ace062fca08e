# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""微信小店 orders as its API gives them: integer fen, Unix seconds."""
from .aliases import STATUSES, WECHAT
from .assembly import read_json_files


def read(files, timezone, errors):
    return read_json_files('wechat', WECHAT, files, timezone, errors,
        read_head, read_line)


def read_head(fields):
    return {
        'shop': fields.text('shop'),
        'number': fields.text('number', required=True),
        'order_time': fields.unix_time('order_time', required=True),
        'pay_time': fields.unix_time('pay_time'),
        'buyer': fields.text('buyer'),
        'status': fields.choice('status', STATUSES['wechat'], True),
        'freight': fields.fen('freight'),
        'stated_paid': fields.fen('stated_paid', default=None),
        'stated_goods': fields.fen('stated_goods', default=None),
        'stated_discount': fields.fen('stated_discount', default=None),
        }


def read_line(fields):
    return {
        'sub_number': fields.text('sub_number', required=True),
        'sku': fields.text('sku', required=True),
        'title': fields.text('title'),
        'quantity': fields.quantity('quantity'),
        'unit_price': fields.fen('unit_price', required=True),
        'paid': fields.fen('paid', required=True),
        'merchant_discount': fields.fen('merchant_discount'),
        'platform_discount': fields.fen('platform_discount'),
        }
