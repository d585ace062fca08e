# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The made-up marketplace orders behind the sample files in
data/channel/: the products they sell, the orders (the same four on every
platform) and what each file must read to."""
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).parent / 'data' / 'channel'

# (code, EAN-13, name, list price): the scenario tests create exactly these
PRODUCTS = [
    ('BNS-30', '6901234560015', '玻尿酸精华 30ml', Decimal('199.00')),
    ('FSS-50', '6901234560022', '清透防晒霜 SPF50 50ml', Decimal('129.00')),
    ('XMN-100', '6901234560039', '氨基酸洗面奶 100g', Decimal('69.90')),
    ('BSS-120', '6901234560046', '保湿爽肤水 120ml', Decimal('89.00')),
    ('KH-05', '6901234560053', '丝绒口红 #05 3.5g', Decimal('159.00')),
    ]
NAMES = {code: name for code, _, name, _ in PRODUCTS}
BARCODES = {code: ean for code, ean, _, _ in PRODUCTS}

# One order in each status; a merchant discount and a platform coupon
# (O1, spread 11.50 / 8.50 over its lines pro rata), freight (O2, O4), a
# 仅退款 line and a 退货退款 line (O3). Times are Asia/Shanghai.
# lines: (sku, qty, unit price, merchant discount, platform discount,
# refund amount, refund kind)
ORDERS = [
    {'key': 'O1', 'status': 'paid', 'buyer': 'tb_lily88',
        'order_time': '2024-06-18 10:15:30', 'pay_time': '2024-06-18 10:16:02',
        'ship_time': None, 'freight': Decimal('0.00'),
        'lines': [
            ('BNS-30', 1, Decimal('199.00'), Decimal('10.00'),
                Decimal('11.50'), Decimal('0.00'), None),
            ('XMN-100', 2, Decimal('69.90'), Decimal('0.00'),
                Decimal('8.50'), Decimal('0.00'), None),
            ]},
    {'key': 'O2', 'status': 'shipped', 'buyer': 'xiaomei_2024',
        'order_time': '2024-06-18 11:00:00', 'pay_time': '2024-06-18 11:01:00',
        'ship_time': '2024-06-19 09:30:00', 'freight': Decimal('8.00'),
        'lines': [
            ('FSS-50', 1, Decimal('129.00'), Decimal('0.00'),
                Decimal('0.00'), Decimal('0.00'), None),
            ('BSS-120', 1, Decimal('89.00'), Decimal('0.00'),
                Decimal('0.00'), Decimal('0.00'), None),
            ('KH-05', 1, Decimal('159.00'), Decimal('0.00'),
                Decimal('0.00'), Decimal('0.00'), None),
            ]},
    {'key': 'O3', 'status': 'completed', 'buyer': 'chenjing',
        'order_time': '2024-06-10 20:30:00', 'pay_time': '2024-06-10 20:31:15',
        'ship_time': '2024-06-11 10:00:00', 'freight': Decimal('0.00'),
        'lines': [
            ('BNS-30', 2, Decimal('199.00'), Decimal('0.00'),
                Decimal('0.00'), Decimal('50.00'), 'refund_only'),
            ('KH-05', 1, Decimal('159.00'), Decimal('0.00'),
                Decimal('0.00'), Decimal('159.00'), 'return'),
            ]},
    {'key': 'O4', 'status': 'cancelled', 'buyer': 'wang_xx',
        'order_time': '2024-06-18 12:00:00', 'pay_time': '2024-06-18 12:02:00',
        'ship_time': None, 'freight': Decimal('6.00'),
        'lines': [
            ('XMN-100', 1, Decimal('69.90'), Decimal('0.00'),
                Decimal('0.00'), Decimal('0.00'), None),
            ]},
    ]
FOUR_ORDERS = {
    'orders': 4, 'lines': 8,
    'paid': Decimal('1326.70'), 'receivable': Decimal('1346.70'),
    'refund_amount': Decimal('209.00'),
    }
# Per sample (a file, or the files read together), what it reads to
EXPECTED = {
    ('taobao', ('taobao_orders.csv', 'taobao_items.csv')): FOUR_ORDERS,
    ('jd', ('jd_orders.csv',)): FOUR_ORDERS,
    ('jd', ('jd_orders.xlsx',)): FOUR_ORDERS,
    ('douyin', ('douyin_orders.json',)): FOUR_ORDERS,
    ('wechat', ('wechat_orders.json',)): dict(FOUR_ORDERS,
        refund_amount=Decimal('0.00')),
    ('generic', ('generic_orders.csv',)): FOUR_ORDERS,
    ('generic', ('generic_orders.xlsx',)): FOUR_ORDERS,
    ('normalised', ('normalised_orders.json',)): FOUR_ORDERS,
    }
# Order numbers as each platform writes them, by order key
NUMBERS = {
    'taobao': {'O1': '4012345678901234567', 'O2': '4012345678901234568',
        'O3': '3998765432109876543', 'O4': '4012345678901234570'},
    'jd': {'O1': '300123456781', 'O2': '300123456782',
        'O3': '300123456783', 'O4': '300123456784'},
    'douyin': {'O1': '6920123456789012345', 'O2': '6920123456789012346',
        'O3': '6920123456789012347', 'O4': '6920123456789012348'},
    'wechat': {'O1': '3712345678901234001', 'O2': '3712345678901234002',
        'O3': '3712345678901234003', 'O4': '3712345678901234004'},
    'generic': {'O1': 'WDT20240618001', 'O2': 'WDT20240618002',
        'O3': 'WDT20240610003', 'O4': 'WDT20240618004'},
    'normalised': {'O1': 'N-0001', 'O2': 'N-0002', 'O3': 'N-0003',
        'O4': 'N-0004'},
    }
SETTLEMENTS = {
    # file: (platform, rows, total amount)
    'taobao_settlement.csv': ('taobao', 2, Decimal('694.88')),
    'jd_settlement.csv': ('jd', 2, Decimal('694.88')),
    'douyin_settlement.csv': ('douyin', 2, Decimal('694.88')),
    }


def ean13_check(code):
    "Whether code's last digit is its EAN-13 check digit"
    digits = [int(c) for c in code]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return len(digits) == 13 and (10 - total % 10) % 10 == digits[12]
