# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""An integration signs in over JSON-RPC as the administrator and tries to
send an expired lot of the demo chain to a customer: it is refused, and the
lot stays where it was."""
import json

from demo_server import DONE_MOVES, Client, RPCError, query

EXPIRED_LOT_IN_STOCK = """
    SELECT m.lot, m.product, t.default_uom, m.location, SUM(m.quantity)
    FROM %s
    JOIN stock_lot l ON l.id = m.lot
    JOIN stock_location s ON s.id = m.location
    JOIN product_product p ON p.id = m.product
    JOIN product_template t ON t.id = p.template
    WHERE s.type = 'storage' AND l.shelf_life_expiration_date < CURRENT_DATE
    GROUP BY m.lot, m.product, t.default_uom, m.location
    HAVING SUM(m.quantity) > 0
    ORDER BY m.lot
    LIMIT 1""" % DONE_MOVES


def lot_quantity(demo, lot, location):
    (quantity,), = query(demo, """
        SELECT COALESCE(SUM(CASE WHEN to_location = %(location)s
                THEN internal_quantity ELSE -internal_quantity END), 0)
        FROM stock_move WHERE state = 'done' AND lot = %(lot)s
            AND %(location)s IN (from_location, to_location)""" % {
            'lot': int(lot), 'location': int(location)})
    return quantity


def test_admin_cannot_sell_expired_lot_through_api(demo):
    lot, product, unit, storage, quantity = query(
        demo, EXPIRED_LOT_IN_STOCK)[0]
    (customer,), = query(demo,
        "SELECT id FROM stock_location WHERE type = 'customer' LIMIT 1")
    (currency,), = query(demo, "SELECT currency FROM company_company")
    client = Client(demo['url'], 'admin', 'admin')
    lot_name, = client.model('stock.lot', 'read', [lot], ['rec_name'])

    move_id, = client.model('stock.move', 'create', [{
                'product': product, 'lot': lot, 'unit': unit,
                'quantity': 1, 'from_location': storage,
                'to_location': customer,
                'unit_price': {'__class__': 'Decimal', 'decimal': '99'},
                'currency': currency,
                }])
    try:
        client.model('stock.move', 'do', [move_id])
    except RPCError as error:
        message = json.dumps(error.args[0], ensure_ascii=False)
    else:
        message = None
    assert message and lot_name['rec_name'] in message and "过期" in message
    (state,), = query(demo,
        "SELECT state FROM stock_move WHERE id = %d" % move_id)
    assert state == 'draft'
    assert lot_quantity(demo, lot, storage) == quantity
