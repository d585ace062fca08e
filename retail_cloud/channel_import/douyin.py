# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""抖店 orders as the open API gives them: amounts in integer fen, times in
Unix seconds."""
from .aliases import DOUYIN, DOUYIN_REFUND_KINDS, STATUSES
from .assembly import read_json_files


def read(files, timezone, errors):
    return read_json_files('douyin', DOUYIN, files, timezone, errors,
        read_head, read_line)


def read_head(fields):
    return {
        'shop': fields.text('shop'),
        'number': fields.text('number', required=True),
        'order_time': fields.unix_time('order_time', required=True),
        'pay_time': fields.unix_time('pay_time'),
        'ship_time': fields.unix_time('ship_time'),
        'buyer': fields.text('buyer'),
        'status': fields.choice('status', STATUSES['douyin'], True),
        'freight': fields.fen('freight'),
        'stated_paid': fields.fen('stated_paid', default=None),
        }


def read_line(fields):
    return {
        'sub_number': fields.text('sub_number', required=True),
        'sku': fields.text('sku', required=True),
        'title': fields.text('title'),
        'quantity': fields.quantity('quantity'),
        # The unit price is origin_amount / item_num
        'line_total': fields.fen('line_total', required=True),
        'paid': fields.fen('paid', required=True),
        'merchant_discount': fields.fen('merchant_discount'),
        'platform_discount': fields.fen('platform_discount'),
        'refund_amount': fields.fen('refund_amount'),
        'refund_kind': fields.choice('refund_kind', DOUYIN_REFUND_KINDS),
        }
