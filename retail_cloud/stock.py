# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import ExpiredLotError, LotPickError, ShortShelfLifeError


class Configuration(metaclass=PoolMeta):
    __name__ = 'stock.configuration'

    sell_by_margin = fields.Integer(
        "Sell-by Margin", required=True,
        domain=[('sell_by_margin', '>=', 0)],
        help="In days: lots expiring within this margin are no longer "
        "taken for customers.")

    @classmethod
    def default_sell_by_margin(cls):
        return 30


def sell_by_date(date):
    "Return the first expiry date a lot may have to be sold on date"
    Configuration = Pool().get('stock.configuration')
    margin = Configuration(1).sell_by_margin or 0
    return date + dt.timedelta(days=margin)


def cache_lots(lot_ids):
    """Read the lots in one query: the lots each move sorts are then found
    in the transaction's cache"""
    Lot = Pool().get('stock.lot')
    lots = Lot.browse(lot_ids)
    if lots:
        # Reading a field of the first reads the eager fields of them all
        lots[0].shelf_life_expiration_date


class Lot(metaclass=PoolMeta):
    __name__ = 'stock.lot'

    production_date = fields.Date(
        "Production Date",
        help="As printed on the label: the expiry follows from it "
        "and the product's shelf life.")
    supplier = fields.Many2One(
        'party.party', "Supplier", ondelete='RESTRICT',
        context={'company': Eval('context', {}).get('company', -1)})
    supplier_batch = fields.Char(
        "Supplier Batch Number", strip=True,
        help="The batch number (批号) printed by the manufacturer.")

    @fields.depends(
        'production_date', 'product', 'shelf_life_expiration_date')
    def on_change_production_date(self):
        expiry = self.expiry_from_production()
        if expiry:
            self.shelf_life_expiration_date = expiry

    @fields.depends('production_date', methods=['on_change_production_date'])
    def on_change_product(self):
        super().on_change_product()
        # Never "today + shelf life" when the label gives a date
        if self.production_date:
            self.on_change_production_date()

    @fields.depends('production_date', 'product')
    def expiry_from_production(self):
        if (self.production_date and self.product
                and self.product.shelf_life_time):
            return self.production_date + dt.timedelta(
                days=self.product.shelf_life_time)

    @classmethod
    def preprocess_values(cls, mode, values):
        "Compute the expiry on the server, whoever creates the lot"
        pool = Pool()
        Product = pool.get('product.product')
        values = super().preprocess_values(mode, values)
        if (mode == 'create' and values.get('production_date')
                and not values.get('shelf_life_expiration_date')
                and values.get('product')):
            lot = cls(
                production_date=values['production_date'],
                product=Product(values['product']))
            expiry = lot.expiry_from_production()
            if expiry:
                values['shelf_life_expiration_date'] = expiry
        return values

    def expired_on(self, date):
        "Whether the lot may no longer be used on date"
        return bool(self.shelf_life_expiration_date
            and date > self.shelf_life_expiration_date)

    def sellable_on(self, date):
        "Whether the lot may still be sold on date, beyond the margin"
        return not self.expired_on(sell_by_date(date))


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def write(cls, *args):
        # Each module overriding do() wraps it in its own workflow
        # transition, which writes the state even when the inner do() left
        # no move to write: two statements for nothing, a layer
        actions = iter(args)
        args = [arg for records, values in zip(actions, actions) if records
            for arg in (records, values)]
        if args:
            super().write(*args)

    @classmethod
    def do(cls, moves):
        moves = cls.pick_first_expiry_lots(moves)
        # Before the moves are done, for every user: selling an expired
        # cosmetic is fined 5-20 times its value (条例 Art. 60)
        cls.check_expired_lots(moves)
        cls.check_received_shelf_life(moves)
        super().do(moves)

    @classmethod
    def pick_first_expiry_lots(cls, moves):
        """Give lots, first expiry first, to the outgoing moves done without
        assignment (a till's sales), splitting them over several lots.
        Return the moves to do."""
        pool = Pool()
        Date = pool.get('ir.date')
        Product = pool.get('product.product')
        Uom = pool.get('product.uom')
        unlotted = [m for m in moves
            if not m.lot and m.state == 'draft' and m.fefo
            and not m.product.consumable]
        if not unlotted:
            return moves
        grouping = ('product', 'lot')
        with Transaction().set_context(
                stock_date_end=Date.today(), stock_assign=True):
            available = Product.products_by_location(
                list({m.from_location.id for m in unlotted}),
                with_childs=False, grouping=grouping,
                grouping_filter=(list({m.product.id for m in unlotted}),))
        cache_lots({key[-1] for key in available if key[-1]})
        keys = defaultdict(list)
        for key in available:
            keys[key[:2]].append(key)
        picked = []
        for move in unlotted:
            product = move.product
            quantities = [(key, Uom.compute_qty(
                        product.default_uom, available[key], move.unit,
                        round=False))
                for key in keys[move.from_location.id, product.id]]
            to_pick = move.pick_product(move.sort_quantities(
                    quantities, [move.from_location], grouping))
            move.check_picked(sum(q for _, q in to_pick))
            for key, quantity in to_pick:
                available[key] -= Uom.compute_qty(
                    move.unit, quantity, product.default_uom,
                    round=False)
            picked.extend(move.split_over_lots(to_pick))
        return [m for m in moves if m not in unlotted] + picked

    def check_picked(self, quantity):
        if self.quantity - quantity >= self.unit.rounding:
            raise LotPickError(gettext(
                    'retail_cloud.msg_move_no_sellable_lot',
                    product=self.product.rec_name,
                    location=self.from_location.rec_name,
                    quantity=self.unit.round(self.quantity - quantity),
                    unit=self.unit.symbol))

    def split_over_lots(self, to_pick):
        "Give the move the first lot and copies of it the next ones"
        (key, quantity), *others = to_pick
        self.lot, self.quantity = key[-1], self.unit.round(quantity)
        self.save()
        moves = [self]
        with Transaction().set_context(_stock_move_split=True):
            for key, quantity in others:
                moves.extend(self.copy([self], default={
                            'lot': key[-1],
                            'quantity': self.unit.round(quantity),
                            }))
        return moves

    @classmethod
    def check_received_shelf_life(cls, moves):
        "Refuse lots received with less shelf life left than their category"
        pool = Pool()
        Date = pool.get('ir.date')
        today = Date.today()
        for move in moves:
            if (move.from_location.type != 'supplier'
                    or not move.lot
                    or not move.lot.shelf_life_expiration_date):
                continue
            date = move.done_date(today)
            left = (move.lot.shelf_life_expiration_date - date).days
            minimum = move.product.receipt_min_shelf_life()
            if left < minimum:
                raise ShortShelfLifeError(gettext(
                        'retail_cloud.msg_move_short_shelf_life',
                        lot=move.lot.rec_name,
                        product=move.product.rec_name,
                        expiry=move.lot.shelf_life_expiration_date,
                        date=date, left=left, minimum=minimum))

    @classmethod
    def check_expired_lots(cls, moves):
        pool = Pool()
        Date = pool.get('ir.date')
        today = Date.today()
        for move in moves:
            date = move.done_date(today)
            if not move.lot:
                continue
            if move.lot.expired_on(date) and not move.may_move_expired:
                message = 'retail_cloud.msg_move_expired_lot'
            elif (move.to_location.type == 'customer'
                    and not move.lot.sellable_on(date)):
                message = 'retail_cloud.msg_move_lot_sell_by'
            else:
                continue
            raise ExpiredLotError(gettext(message,
                    lot=move.lot.rec_name,
                    product=move.product.rec_name,
                    expiry=move.lot.shelf_life_expiration_date,
                    date=date,
                    from_location=move.from_location.rec_name,
                    to_location=move.to_location.rec_name))

    def done_date(self, today):
        "The date the move is done on, as Move.set_effective_date sets it"
        return (self.effective_date
            or (self.shipment and self.shipment.effective_date)
            or today)

    @property
    def fefo(self):
        "Whether the move takes its lots first-expiry-first"
        return (self.from_location.type == 'storage'
            and self.to_location.type != 'lost_found'
            and self.product.shelf_life_state != 'none')

    @classmethod
    def assign_try(
            cls, moves, with_childs=True, grouping=('product',), pblc=None):
        if 'lot' in grouping:
            return super().assign_try(
                moves, with_childs=with_childs, grouping=grouping, pblc=pblc)
        fefo = [m for m in moves if not m.lot and m.fefo]
        others = [m for m in moves if m.lot or not m.fefo]
        success = True
        if fefo:
            # Grouped by lot, Tryton splits each move over the lots that
            # sort_quantities returns, in that order
            success &= super().assign_try(
                fefo, with_childs=with_childs, grouping=grouping + ('lot',),
                pblc=pblc)
        if others:
            success &= super().assign_try(
                others, with_childs=with_childs, grouping=grouping,
                pblc=pblc)
        return success

    def sort_quantities(self, quantities, locations, grouping):
        quantities = super().sort_quantities(quantities, locations, grouping)
        if 'lot' not in grouping or self.lot or not self.fefo:
            return quantities
        pool = Pool()
        Date = pool.get('ir.date')
        Lot = pool.get('stock.lot')
        index = grouping.index('lot') + 1
        lots = {lot.id: lot for lot in Lot.browse(
                {k[index] for k, _ in quantities if k[index]})}
        date = self.effective_date or self.planned_date or Date.today()
        sellable = [
            (key, qty) for key, qty in quantities
            if key[index] and lots[key[index]].sellable_on(date)]
        # Stable: the location order stays among lots of one expiry
        return sorted(sellable, key=lambda q: (
                lots[q[0][index]].shelf_life_expiration_date or dt.date.max))

    @classmethod
    def check_expiration_dates_types(cls):
        # Returning expired goods to the supplier is what the law wants;
        # check_expired_lots already refuses receiving them
        return [t for t in super().check_expiration_dates_types()
            if t != 'supplier']

    @property
    def may_move_expired(self):
        "Expired goods go only to scrap or back to the supplier"
        return (self.to_location.type in {'lost_found', 'supplier'}
            or self.from_location.type == 'customer')
