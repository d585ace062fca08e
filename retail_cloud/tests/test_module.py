# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.model.exceptions import DomainValidationError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction


class RetailCloudTestCase(CompanyTestMixin, ModuleTestCase):
    "Test Retail Cloud module"
    module = 'retail_cloud'

    @property
    def _skip_company_rule(self):
        # sale_point computes a transfer's company from its point, without
        # a searcher: its company rule goes through the point
        return super()._skip_company_rule | {
            ('sale.point.cash.transfer', 'company'),
            }

    def create_product(self, name, type='goods'):
        pool = Pool()
        Template = pool.get('product.template')
        Product = pool.get('product.product')
        Uom = pool.get('product.uom')
        unit, = Uom.search([('name', '=', "Unit")])
        template, = Template.create([{
                    'name': name,
                    'type': type,
                    'default_uom': unit.id,
                    }])
        product, = Product.create([{'template': template.id}])
        return product

    @with_transaction()
    def test_counter_created_moves_checked(self):
        "The counter's check of its new moves refuses what stock refuses"
        pool = Pool()
        Move = pool.get('stock.move')
        Location = pool.get('stock.location')
        Lot = pool.get('stock.lot')
        SaleLine = pool.get('sale.point.sale.line')
        Uom = pool.get('product.uom')

        serum = self.create_product("Hyaluronic Serum")
        toner = self.create_product("Rose Toner")
        service = self.create_product("Skin Analysis", type='service')
        serum_lot, toner_lot = Lot.create([
                {'number': 'S1', 'product': serum.id},
                {'number': 'T1', 'product': toner.id}])
        kilogram, = Uom.search([('name', '=', "Kilogram")])
        warehouse, = Location.search([('code', '=', 'WH')])
        storage, = Location.search([('code', '=', 'STO')])
        customer, = Location.search([('code', '=', 'CUS')])
        company = create_company()
        with set_company(company):
            def sold(**values):
                return Move(**{
                        'state': 'draft', 'company': company,
                        'origin': SaleLine(), 'product': serum,
                        'unit': serum.default_uom, 'lot': serum_lot,
                        'quantity': 2, 'internal_quantity': 2,
                        'from_location': storage, 'to_location': customer,
                        'unit_price': Decimal('99'),
                        'currency': company.currency,
                        'unit_price_required': True, 'cost_price': None,
                        'product_cost_price': None, 'invoice_lines': [],
                        **values})

            self.assertTrue(sold().counter_created_valid())
            for wrong in [
                    {'lot': toner_lot}, {'product': service},
                    {'unit': kilogram}, {'quantity': 1.5},
                    {'quantity': -1}, {'from_location': warehouse},
                    {'to_location': storage}, {'unit_price': None},
                    {'currency': None}, {'unit_price': Decimal('0.00001')},
                    {'cost_price': Decimal('30')}, {'origin': None},
                    {'state': 'done'}]:
                with self.subTest(wrong=wrong):
                    self.assertFalse(sold(**wrong).counter_created_valid())

    @with_transaction()
    def test_counter_done_moves_still_validated(self):
        "The counter's shortened validation of done moves refuses a bad one"
        pool = Pool()
        Move = pool.get('stock.move')
        Location = pool.get('stock.location')

        product = self.create_product("Hyaluronic Serum")
        unit = product.default_uom
        storage, = Location.search([('code', '=', 'STO')])
        customer, = Location.search([('code', '=', 'CUS')])
        shelves, = Location.create([{'name': "Shelves", 'type': 'view'}])
        company = create_company()
        with set_company(company):
            sold, misplaced = Move.create([{
                        'product': product.id,
                        'unit': unit.id,
                        'quantity': 1,
                        'from_location': storage.id,
                        'to_location': to_location.id,
                        'company': company.id,
                        'unit_price': price,
                        'currency': price and company.currency.id,
                        } for to_location, price in [
                        (customer, Decimal('99')), (shelves, None)]])
            done = {
                'state': 'done',
                'effective_date': dt.date.today(),
                'cost_price': Decimal('30'),
                }
            with Transaction().set_context(_counter_deliver=True):
                Move.write([sold], done)
                self.assertEqual(sold.state, 'done')

                # Stock allows a draft move into a view, never a done one
                with self.assertRaises(DomainValidationError):
                    Move.write([misplaced], done)


del ModuleTestCase
