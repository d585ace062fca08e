# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The channel importers on the sample files: no database needed."""
import json
from datetime import timedelta
from decimal import Decimal

import pytest

from retail_cloud.channel_import import (
    MESSAGES, PLATFORMS, ImportRefused, RowError, normalised, preview,
    read_normalised, read_orders, read_settlements)

from . import make_channel_samples
from .channel_samples import (
    DATA, EXPECTED, NUMBERS, PRODUCTS, SETTLEMENTS, ean13_check)

PLUS_8 = timedelta(hours=8)
CODES = {code for code, _, _, _ in PRODUCTS}


def files(*names):
    return [(name, (DATA / name).read_bytes()) for name in names]


def refused(platform, name):
    with pytest.raises(ImportRefused) as info:
        read_orders(platform, files(name))
    return [(e.file, e.row, e.column, e.reason) for e in info.value.errors]


def test_products():
    assert len(PRODUCTS) == 5
    for code, ean, name, price in PRODUCTS:
        assert ean13_check(ean), code
        assert isinstance(price, Decimal)


def test_samples_are_as_generated():
    "The files in git are what the generator writes, byte for byte"
    makers = dict(make_channel_samples.GOOD, **make_channel_samples.BAD)
    for name, make in makers.items():
        assert (DATA / name).read_bytes() == make(), name


@pytest.mark.parametrize('platform,names', list(EXPECTED))
def test_good_sample(platform, names):
    expected = EXPECTED[platform, names]
    orders = read_orders(platform, files(*names))

    assert len(orders) == expected['orders']
    assert sum(len(o.lines) for o in orders) == expected['lines']
    assert sum(o.paid for o in orders) == expected['paid']
    assert sum(o.receivable for o in orders) == expected['receivable']
    assert sum(o.refund_amount for o in orders) == expected['refund_amount']
    assert [o.number for o in orders] == list(NUMBERS[platform].values())
    assert [o.status for o in orders] == [
        'paid', 'shipped', 'completed', 'cancelled']
    for order in orders:
        assert order.order_time.utcoffset() == PLUS_8
        assert order.pay_time.utcoffset() == PLUS_8
        assert isinstance(order.freight, Decimal)
        for line in order.lines:
            assert line.sku in CODES
            assert list(line.problems()) == []
            assert line.quantity > 0
            assert isinstance(line.paid, Decimal)


@pytest.mark.parametrize('platform,names', list(EXPECTED))
def test_good_sample_first_order(platform, names):
    "O1: a merchant discount of 10 and a platform coupon of 20 over 2 lines"
    first, second, third, _ = read_orders(platform, files(*names))
    assert first.order_time.isoformat() == '2024-06-18T10:15:30+08:00'
    assert first.order_time.tzinfo is not None
    assert [l.sku for l in first.lines] == ['BNS-30', 'XMN-100']
    assert [l.merchant_discount for l in first.lines] == [10, 0]
    assert [l.platform_discount for l in first.lines] == [
        Decimal('11.50'), Decimal('8.50')]
    assert [l.paid for l in first.lines] == [
        Decimal('177.50'), Decimal('131.30')]
    assert first.paid == Decimal('308.80')
    assert first.receivable == Decimal('328.80')
    assert second.freight == 8 and second.paid == Decimal('385.00')
    if platform != 'wechat':
        assert [(l.refund_amount, l.refund_kind) for l in third.lines] == [
            (50, 'refund_only'), (159, 'return')]


def test_taobao_numbers_and_encodings():
    "GBK order report with =\"…\" numbers, UTF-8 item report with a tab"
    assert (DATA / 'taobao_orders.csv').read_bytes().decode('gbk')
    with pytest.raises(UnicodeDecodeError):
        (DATA / 'taobao_orders.csv').read_bytes().decode('utf-8')
    # The item report first: readers tell the reports apart by header
    orders = read_orders('taobao', files(
            'taobao_items.csv', 'taobao_orders.csv'))
    assert orders[0].number == '4012345678901234567'
    assert orders[2].number == '3998765432109876543'
    assert orders[0].lines[0].sub_number == '4012345678901234501'
    assert orders[0].buyer == 'tb_lily88'
    assert orders[0].shop == '玉颜美妆旗舰店'
    assert orders[1].ship_time.isoformat() == '2024-06-19T09:30:00+08:00'


def test_taobao_item_without_order():
    with pytest.raises(ImportRefused) as info:
        read_orders('taobao', files('taobao_items.csv'))
    errors = info.value.errors
    assert len(errors) == 8
    assert {e.reason for e in errors} == {'unknown_order'}
    assert (errors[0].row, errors[0].column) == (2, '主订单编号')


def test_timezone():
    orders = read_orders('generic', files('generic_orders.csv'),
        timezone='Europe/Paris')
    assert orders[0].order_time.isoformat() == '2024-06-18T10:15:30+02:00'


def test_douyin_fen():
    orders = read_orders('douyin', files('douyin_orders.json'))
    line = orders[1].lines[2]
    assert line.unit_price == Decimal('159.00')
    assert line.sub_number == '6920123456789012343'
    assert orders[0].pay_time.isoformat() == '2024-06-18T10:16:02+08:00'


BAD = [
    ('generic', 'bad_unknown_columns.csv', [
            ('bad_unknown_columns.csv', 1, None, 'unknown_format')]),
    ('generic', 'bad_missing_column.csv', [
            ('bad_missing_column.csv', 1, '货品数量', 'missing_column')]),
    ('generic', 'bad_date.csv', [
            ('bad_date.csv', 9, '下单时间', 'bad_date')]),
    ('generic', 'bad_negative_quantity.csv', [
            ('bad_negative_quantity.csv', 4, '货品数量', 'negative_quantity')]),
    ('generic', 'bad_amounts.csv', [
            ('bad_amounts.csv', 8, '货品总价', 'amounts_do_not_add_up'),
            ('bad_amounts.csv', 4, '已收金额', 'amounts_do_not_add_up')]),
    ('generic', 'bad_encoding.csv', [
            ('bad_encoding.csv', None, None, 'wrong_encoding')]),
    ('generic', 'bad_three_rows.csv', [
            ('bad_three_rows.csv', 3, '货品价格', 'bad_amount'),
            ('bad_three_rows.csv', 5, '货品数量', 'bad_quantity'),
            ('bad_three_rows.csv', 9, '状态', 'bad_status')]),
    ('generic', 'bad_empty.csv', [
            ('bad_empty.csv', None, None, 'empty_file')]),
    ('generic', 'bad_duplicate.csv', [
            ('bad_duplicate.csv', 5, '原始子单号', 'duplicate_line')]),
    ('douyin', 'douyin_bad_fen.json', [
            ('douyin_bad_fen.json', 1, 'sku_order_list[0].pay_amount',
                'bad_amount'),
            ('douyin_bad_fen.json', 2, 'post_amount', 'bad_amount')]),
    ('taobao', 'jd_orders.csv', [
            ('jd_orders.csv', 1, None, 'unknown_format')]),
    ('wechat', 'douyin_orders.json', [
            ('douyin_orders.json', None, None, 'unknown_format')]),
    ]


@pytest.mark.parametrize('platform,name,expected', BAD)
def test_bad_sample(platform, name, expected):
    assert refused(platform, name) == expected


def test_encoding_really_fails_both():
    data = (DATA / 'bad_encoding.csv').read_bytes()
    for encoding in ('utf-8-sig', 'gb18030'):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)


def test_mojibake_is_wrong_encoding():
    "Shift-JIS decodes as GB18030 into characters no header has"
    data = '注文番号,商品\n1,2\n'.encode('shift_jis')
    assert data.decode('gb18030').startswith('拲暥斣崋')
    with pytest.raises(ImportRefused) as info:
        read_orders('generic', [('sjis.csv', data)])
    assert info.value.errors[0].reason == 'wrong_encoding'


def test_all_files_refused_together():
    "Every bad row of every file, never only the first"
    with pytest.raises(ImportRefused) as info:
        read_orders('generic', files(
                'bad_encoding.csv', 'bad_three_rows.csv', 'bad_empty.csv'))
    assert [(e.file, e.row) for e in info.value.errors] == [
        ('bad_encoding.csv', None), ('bad_three_rows.csv', 3),
        ('bad_three_rows.csv', 5), ('bad_three_rows.csv', 9),
        ('bad_empty.csv', None)]


def test_messages():
    assert set(MESSAGES) >= {
        'missing_column', 'bad_date', 'bad_amount', 'bad_quantity',
        'negative_quantity', 'amounts_do_not_add_up', 'wrong_encoding',
        'duplicate_line', 'unknown_sku', 'unknown_order', 'empty_file',
        'unknown_format', 'bad_status', 'missing_value'}
    for reason, texts in MESSAGES.items():
        assert set(texts) == {'en', 'zh_CN'}, reason
    error = RowError('taobao_orders.csv', 7, '商家编码', 'unknown_sku',
        {'value': 'XYZ'})
    assert error.message() == (
        'taobao_orders.csv, row 7, column 商家编码: unknown SKU "XYZ"')
    assert error.message('zh_CN') == (
        'taobao_orders.csv 第 7 行 商家编码 列：未知的商家编码“XYZ”')
    refused = ImportRefused([error, RowError(
                'pay.csv', 3, '订单号', 'unknown_order', {'value': '1'})])
    assert refused.message('zh_CN').splitlines()[1] == (
        'pay.csv 第 3 行 订单号 列：未知的订单“1”')
    assert str(refused).count('\n') == 1


@pytest.mark.parametrize('platform,names', list(EXPECTED))
def test_normalised_round_trip(platform, names):
    orders = read_orders(platform, files(*names))
    payload = json.loads(json.dumps(
            {'orders': [normalised(o) for o in orders]}))
    assert read_normalised(payload) == orders
    assert read_normalised(payload['orders'][0]) == orders[:1]


def test_normalised_form():
    order = read_orders('taobao', files(
            'taobao_orders.csv', 'taobao_items.csv'))[0]
    form = normalised(order)
    assert form['order_no'] == '4012345678901234567'
    assert form['order_time'] == '2024-06-18T10:15:30+08:00'
    assert form['ship_time'] is None
    assert form['freight'] == '0.00'
    assert form['lines'][0]['line_paid'] == '177.50'
    assert form['lines'][0]['qty'] == 1


def test_read_normalised_numbers_and_errors():
    line = {'sku_code': 'BNS-30', 'qty': '2', 'unit_price': 199,
        'line_paid': 388.5, 'merchant_discount': '9.50'}
    order = {'order_no': 1001, 'order_time': '2024-06-18 10:00:00',
        'status': 'paid', 'freight': 0, 'lines': [line]}
    [result] = read_normalised(order)
    assert result.number == '1001'
    assert result.lines[0].paid == Decimal('388.5')
    assert result.order_time.isoformat() == '2024-06-18T10:00:00+08:00'

    bad = dict(order, status='shipping', lines=[
            dict(line, qty=-1), dict(line, line_paid='x')])
    with pytest.raises(ImportRefused) as info:
        read_normalised({'orders': [order, bad]}, source='webhook')
    assert [(e.file, e.row, e.column, e.reason)
        for e in info.value.errors] == [
        ('webhook', 2, 'status', 'bad_status'),
        ('webhook', 2, 'lines[0].qty', 'negative_quantity'),
        ('webhook', 2, 'lines[1].line_paid', 'bad_amount')]


@pytest.mark.parametrize('name', list(SETTLEMENTS))
def test_settlements(name):
    platform, count, total = SETTLEMENTS[name]
    rows = read_settlements(platform, files(name))
    assert len(rows) == count
    assert sum(r.amount for r in rows) == total
    assert rows[0].order_number == NUMBERS[platform]['O2']
    assert rows[0].commission == Decimal('19.25')
    assert rows[0].fees == Decimal('0.77')
    assert rows[0].settle_time.isoformat() == '2024-06-26T02:00:00+08:00'
    assert (rows[1].file, rows[1].row) == (name, 3)


def test_settlements_refused():
    data = '订单号,结算金额\n1001,12.x\n,3\n'.encode()
    with pytest.raises(ImportRefused) as info:
        read_settlements('jd', [('pay.csv', data)])
    assert [(e.row, e.column, e.reason) for e in info.value.errors] == [
        (2, '结算金额', 'bad_amount'), (3, '订单号', 'missing_value')]


def test_preview():
    result = preview('taobao', files('taobao_orders.csv', 'taobao_items.csv'))
    assert result['orders'] == 4
    assert result['lines'] == 8
    assert result['paid'] == '1326.70'
    assert result['receivable'] == '1346.70'
    assert result['errors'] == []
    assert result['first_orders'][0]['order_no'] == '4012345678901234567'

    result = preview('generic', files('bad_three_rows.csv'), language='zh_CN')
    assert result['errors'][0] == (
        'bad_three_rows.csv 第 3 行 货品价格 列：不是有效的金额：“69.9.0”')
    assert len(result['errors']) == 3


def test_platforms():
    assert PLATFORMS == ('taobao', 'jd', 'douyin', 'wechat', 'generic')
    with pytest.raises(ImportRefused):
        read_orders('amazon', files('generic_orders.csv'))


def test_large_file():
    "20,000 lines read row by row (no timing: only that it works)"
    rows = make_channel_samples.generic_rows()
    header, line = rows[0], rows[2]
    big = [header]
    for index in range(10000):
        for item, sku in enumerate(('BNS-30', 'KH-05')):
            row = list(line)
            row[1] = 'BIG%05d' % index
            row[2] = 'BIG%05d-%d' % (index, item)
            row[3], row[5], row[6], row[7] = '298.00', '0', '0', '298.00'
            row[10], row[13], row[14], row[15], row[16] = (
                sku, 1, '149.00', '149.00', '0')
            big.append(row)
    data = make_channel_samples.csv_bytes(big, 'gbk')
    orders = read_orders('generic', [('big.csv', data)])
    assert len(orders) == 10000
    assert sum(len(o.lines) for o in orders) == 20000
    assert sum(o.receivable for o in orders) == Decimal('2980000.00')
    assert orders[-1].lines[-1].row == 20001
