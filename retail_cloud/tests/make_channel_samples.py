# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Write the sample files of data/channel/ from channel_samples.ORDERS.

    python -m retail_cloud.tests.make_channel_samples

The output is deterministic (XLSX included), so the files in git only
change when the samples do."""
import csv
import io
import json
import zipfile
from datetime import datetime
from decimal import Decimal

from .channel_samples import BARCODES, DATA, NAMES, NUMBERS, ORDERS

SHOP = '玉颜美妆旗舰店'
REFUND_WORDS = {None: '', 'refund_only': '仅退款', 'return': '退货退款'}
TAOBAO_STATUSES = {'paid': '买家已付款', 'shipped': '卖家已发货',
    'completed': '交易成功', 'cancelled': '交易关闭'}
JD_STATUSES = {'paid': '等待出库', 'shipped': '等待确认收货',
    'completed': '完成', 'cancelled': '已取消'}
GENERIC_STATUSES = {'paid': '已付款', 'shipped': '已发货',
    'completed': '已完成', 'cancelled': '已取消'}
DOUYIN_STATUSES = {'paid': 2, 'shipped': 3, 'completed': 5, 'cancelled': 4}
WECHAT_STATUSES = {'paid': 20, 'shipped': 30, 'completed': 100,
    'cancelled': 200}
DOUYIN_REFUNDS = {'refund_only': 1, 'return': 0}
EPOCH_ZIP = (1980, 1, 1, 0, 0, 0)


def lines(order):
    "The lines as dicts, with what each one paid"
    for index, line in enumerate(order['lines'], 1):
        sku, qty, price, merchant, platform, refund, kind = line
        yield {'index': index, 'sku': sku, 'qty': qty, 'price': price,
            'merchant': merchant, 'platform': platform, 'refund': refund,
            'kind': kind, 'total': qty * price,
            'paid': qty * price - merchant - platform}


def totals(order):
    items = list(lines(order))
    paid = sum(i['paid'] for i in items) + order['freight']
    platform = sum(i['platform'] for i in items)
    merchant = sum(i['merchant'] for i in items)
    return paid, platform, merchant


def fen(amount):
    return int(amount * 100)


def unix(text):
    from zoneinfo import ZoneInfo
    if not text:
        return None
    moment = datetime.strptime(text, '%Y-%m-%d %H:%M:%S')
    return int(moment.replace(tzinfo=ZoneInfo('Asia/Shanghai')).timestamp())


def csv_bytes(rows, encoding='utf-8'):
    text = io.StringIO()
    csv.writer(text, lineterminator='\r\n').writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows):
    "An XLSX workbook whose bytes do not depend on when it is made"
    import openpyxl
    workbook = openpyxl.Workbook()
    workbook.properties.created = workbook.properties.modified = (
        datetime(2024, 6, 20))
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    raw = io.BytesIO()
    workbook.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(
            fixed, 'w', zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == 'docProps/core.xml':
                data = _fixed_modified(data)
            target.writestr(zipfile.ZipInfo(info.filename, EPOCH_ZIP), data,
                zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def _fixed_modified(data):
    # openpyxl stamps the save time whatever the property says
    import re
    return re.sub(rb'(<dcterms:modified[^>]*>)[^<]*',
        rb'\g<1>2024-06-20T00:00:00Z', data)


def taobao_orders():
    header = ['订单编号', '买家会员名', '买家应付货款', '买家应付邮费', '总金额',
        '买家实际支付金额', '订单状态', '收货人姓名', '订单创建时间', '订单付款时间',
        '发货时间', '店铺名称', '天猫卡券抵扣', '退款金额']
    rows = [header]
    for order in ORDERS:
        paid, platform, merchant = totals(order)
        goods = sum(i['total'] for i in lines(order))
        refund = sum(i['refund'] for i in lines(order))
        rows.append([
                '="%s"' % NUMBERS['taobao'][order['key']], order['buyer'],
                goods - merchant, order['freight'], paid + platform, paid,
                TAOBAO_STATUSES[order['status']], '张三',
                order['order_time'], order['pay_time'],
                order['ship_time'] or '', SHOP, platform, refund])
    return csv_bytes(rows, 'gbk')


def taobao_items():
    header = ['主订单编号', '子订单编号', '标题', '价格', '购买数量', '外部系统编号',
        '商品属性', '订单状态', '商家编码', '退款金额', '退款类型', '商家优惠']
    rows = [header]
    for order in ORDERS:
        number = NUMBERS['taobao'][order['key']]
        for item in lines(order):
            rows.append([
                    '\t' + number, '\t%s%02d' % (number[:-2], item['index']),
                    NAMES[item['sku']], item['price'], item['qty'], '',
                    '规格:标准装', TAOBAO_STATUSES[order['status']],
                    item['sku'], item['refund'], REFUND_WORDS[item['kind']],
                    item['merchant']])
    return b'\xef\xbb\xbf' + csv_bytes(rows)


def jd_rows(as_cells=False):
    header = ['订单号', '商品编号', '商家SKU', '商品名称', '订购数量', '京东价',
        '应付金额', '运费金额', '优惠金额', '京券', '下单时间', '付款确认时间',
        '订单状态', '退款金额', '退款类型', '店铺名称']
    rows = [header]
    for order in ORDERS:
        paid, _, _ = totals(order)
        for item in lines(order):
            row = [NUMBERS['jd'][order['key']], '1000%d' % (
                    list(NAMES).index(item['sku']) + 1), item['sku'],
                NAMES[item['sku']], item['qty'], item['price'], paid,
                order['freight'], item['merchant'], item['platform'],
                order['order_time'], order['pay_time'],
                JD_STATUSES[order['status']], item['refund'],
                REFUND_WORDS[item['kind']], SHOP]
            if as_cells:
                row = [_cell(v) for v in row]
            rows.append(row)
    return rows


def _cell(value):
    "As a spreadsheet keeps it: numbers and times, not text"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and value[:2] == '20' and value[4:5] == '-':
        return datetime.strptime(value, '%Y-%m-%d %H:%M:%S')
    return value


def generic_rows(as_cells=False):
    header = ['店铺名称', '原始单号', '原始子单号', '应收合计', '邮费', '优惠金额',
        '平台优惠', '已收金额', '下单时间', '付款时间', '商家编码', '条码', '货品名称',
        '货品数量', '货品价格', '货品总价', '货品优惠', '状态', '退款金额', '退款类型',
        '平台']
    rows = [header]
    for order in ORDERS:
        paid, platform, merchant = totals(order)
        number = NUMBERS['generic'][order['key']]
        for item in lines(order):
            row = [SHOP, number, '%s-%d' % (number, item['index']),
                paid + platform, order['freight'], merchant + platform,
                platform, paid, order['order_time'], order['pay_time'],
                item['sku'], BARCODES[item['sku']], NAMES[item['sku']],
                item['qty'], item['price'], item['total'], item['merchant'],
                GENERIC_STATUSES[order['status']], item['refund'],
                REFUND_WORDS[item['kind']], '天猫']
            if as_cells:
                row = [_cell(v) for v in row]
            rows.append(row)
    return rows


def douyin_orders():
    shop_orders = []
    for order in ORDERS:
        number = NUMBERS['douyin'][order['key']]
        paid, _, _ = totals(order)
        shop_orders.append({
                'order_id': number, 'shop_name': SHOP,
                'create_time': unix(order['order_time']),
                'pay_time': unix(order['pay_time']),
                'order_status': DOUYIN_STATUSES[order['status']],
                'post_amount': fen(order['freight']),
                'pay_amount': fen(paid),
                'sku_order_list': [_douyin_line(number, i)
                    for i in lines(order)]})
    return _json({'code': 10000, 'data': {'shop_order_list': shop_orders}})


def _douyin_line(number, item):
    line = {'order_id': '%s%d' % (number[:-1], item['index']),
        'parent_order_id': number, 'code': item['sku'],
        'product_name': NAMES[item['sku']], 'item_num': item['qty'],
        'origin_amount': fen(item['total']), 'pay_amount': fen(item['paid']),
        'shop_discount_amount': fen(item['merchant']),
        'platform_discount_amount': fen(item['platform'])}
    if item['kind']:
        line['refund_amount'] = fen(item['refund'])
        line['after_sale_type'] = DOUYIN_REFUNDS[item['kind']]
    return line


def wechat_orders():
    orders = []
    for order in ORDERS:
        paid, platform, merchant = totals(order)
        items = list(lines(order))
        orders.append({
                'order_id': NUMBERS['wechat'][order['key']],
                'create_time': unix(order['order_time']),
                'status': WECHAT_STATUSES[order['status']],
                'openid': 'o6_b' + order['buyer'],
                'order_detail': {
                    'product_infos': [{
                            'sku_id': '20%d' % list(NAMES).index(i['sku']),
                            'sku_code': i['sku'], 'title': NAMES[i['sku']],
                            'sku_cnt': i['qty'],
                            'sale_price': fen(i['price']),
                            'real_price': fen(i['paid']),
                            'merchant_discounted_price': fen(i['merchant']),
                            'platform_discounted_price': fen(i['platform']),
                            } for i in items],
                    'price_info': {
                        'product_price': fen(sum(i['total'] for i in items)),
                        'order_price': fen(paid),
                        'freight': fen(order['freight']),
                        'discounted_price': fen(platform + merchant)},
                    'pay_info': {'pay_time': unix(order['pay_time'])},
                    }})
    return _json({'errcode': 0, 'orders': orders})


def normalised_orders():
    orders = []
    for order in ORDERS:
        orders.append({
                'order_no': NUMBERS['normalised'][order['key']],
                'shop': SHOP,
                'order_time': order['order_time'].replace(' ', 'T')
                + '+08:00',
                'pay_time': order['pay_time'].replace(' ', 'T') + '+08:00',
                'buyer_id': order['buyer'], 'status': order['status'],
                'freight': str(order['freight']),
                'lines': [{
                        'sub_order_no': '%s-%d' % (
                            NUMBERS['normalised'][order['key']], i['index']),
                        'sku_code': i['sku'], 'barcode': BARCODES[i['sku']],
                        'title': NAMES[i['sku']], 'qty': i['qty'],
                        'unit_price': str(i['price']),
                        'line_paid': str(i['paid']),
                        'merchant_discount': str(i['merchant']),
                        'platform_discount': str(i['platform']),
                        'refund_amount': str(i['refund']),
                        'refund_kind': i['kind'],
                        } for i in lines(order)]})
    return _json({'orders': orders})


def _json(document):
    return json.dumps(document, ensure_ascii=False, indent=1).encode('utf-8')


def settlement(header):
    o2, o3 = ORDERS[1]['key'], ORDERS[2]['key']
    # Paid out: what the order left receivable after its refunds, less
    # the 5% commission and the fees the platform kept
    return header, (o2, '364.98', '19.25', '0.77', '2024-06-26 02:00:00'), (
        o3, '329.90', '17.40', '0.70', '2024-06-21 02:00:00')


def settlements(platform, header, encoding='utf-8'):
    head, *rows = settlement(header)
    rows = [[NUMBERS[platform][key], *rest] for key, *rest in rows]
    return csv_bytes([head] + rows, encoding)


GOOD = {
    'taobao_orders.csv': taobao_orders,
    'taobao_items.csv': taobao_items,
    'jd_orders.csv': lambda: csv_bytes(jd_rows(), 'gbk'),
    'jd_orders.xlsx': lambda: xlsx_bytes(jd_rows(as_cells=True)),
    'douyin_orders.json': douyin_orders,
    'wechat_orders.json': wechat_orders,
    'generic_orders.csv': lambda: csv_bytes(generic_rows(), 'gbk'),
    'generic_orders.xlsx': lambda: xlsx_bytes(generic_rows(as_cells=True)),
    'normalised_orders.json': normalised_orders,
    'taobao_settlement.csv': lambda: settlements('taobao',
        ['订单编号', '结算金额', '技术服务费', '其他费用', '结算时间'], 'gbk'),
    'jd_settlement.csv': lambda: settlements('jd',
        ['订单号', '到账金额', '佣金', '手续费', '结算时间']),
    'douyin_settlement.csv': lambda: settlements('douyin',
        ['order_no', 'amount', 'commission', 'fees', 'settle_time']),
    }


def _generic_changed(changes, drop=None):
    "The generic sample with cells changed: {(row, header): value}"
    rows = generic_rows()
    header = rows[0]
    for (row, name), value in changes.items():
        rows[row - 1][header.index(name)] = value
    if drop:
        position = header.index(drop)
        rows = [r[:position] + r[position + 1:] for r in rows]
    return csv_bytes(rows, 'gbk')


def _douyin_bad_fen():
    document = json.loads(douyin_orders())
    orders = document['data']['shop_order_list']
    # Yuan written as fen, and a JSON float: both lose the exact amount
    orders[0]['sku_order_list'][0]['pay_amount'] = '17750.0'
    text = _json(document).decode()
    text = text.replace('"post_amount": 800', '"post_amount": 800.5')
    return text.encode()


BAD = {
    'bad_unknown_columns.csv': lambda: csv_bytes(
        [['商品', '库存', '仓库'], ['BNS-30', '12', '上海一店']]),
    'bad_missing_column.csv': lambda: _generic_changed({}, drop='货品数量'),
    'bad_date.csv': lambda: _generic_changed(
        {(9, '下单时间'): '2024-06-31 12:00:00'}),
    'bad_negative_quantity.csv': lambda: _generic_changed(
        {(4, '货品数量'): '-1'}),
    'bad_amounts.csv': lambda: _generic_changed({
            (4, '已收金额'): '380.00', (5, '已收金额'): '380.00',
            (6, '已收金额'): '380.00', (8, '货品总价'): '169.00'}),
    # 0x80 and 0xFF start no character in UTF-8 nor in GB18030
    'bad_encoding.csv': lambda: (
        csv_bytes(generic_rows()[:2], 'gbk') + b'\x80\xff\x80\r\n'),
    'bad_three_rows.csv': lambda: _generic_changed({
            (3, '货品价格'): '69.9.0', (5, '货品数量'): 'two',
            (9, '状态'): '发货中'}),
    'bad_empty.csv': lambda: csv_bytes(generic_rows()[:1], 'gbk'),
    'bad_duplicate.csv': lambda: _generic_changed(
        {(5, '原始子单号'): 'WDT20240618002-1'}),
    'douyin_bad_fen.json': _douyin_bad_fen,
    }


def main():
    DATA.mkdir(parents=True, exist_ok=True)
    for name, make in list(GOOD.items()) + list(BAD.items()):
        (DATA / name).write_bytes(make())


if __name__ == '__main__':
    main()
