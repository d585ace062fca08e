# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.model import fields
from trytond.model.exceptions import DomainValidationError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from retail_cloud.counter_stock import COUNTER_DO_LAYERS


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

    def create_product(self, name, type='goods', salable=False):
        pool = Pool()
        Template = pool.get('product.template')
        Product = pool.get('product.product')
        Uom = pool.get('product.uom')
        unit, = Uom.search([('name', '=', "Unit")])
        template, = Template.create([{
                    'name': name,
                    'type': type,
                    'default_uom': unit.id,
                    'salable': salable,
                    'sale_uom': unit.id,
                    }])
        product, = Product.create([{'template': template.id}])
        return product

    @with_transaction()
    def test_counter_moves_checked(self):
        "The counter's check of its moves refuses what stock refuses"
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
        shelves, = Location.create([{'name': "Shelves", 'type': 'view'}])
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
                        'unit_price_required': True,
                        'cost_price_required': True, 'cost_price': None,
                        'product_cost_price': None, 'invoice_lines': [],
                        'effective_date': dt.date.today(),
                        **values})
            done = {'state': 'done', 'effective_date': dt.date.today(),
                'cost_price': Decimal('30')}

            self.assertTrue(sold().counter_valid())
            self.assertTrue(sold(cost_price=Decimal('30')).counter_valid())
            self.assertTrue(sold(**done).counter_valid())
            for wrong in [
                    {'lot': toner_lot}, {'product': service},
                    {'unit': kilogram}, {'quantity': 1.5},
                    {'quantity': -1}, {'internal_quantity': None},
                    {'from_location': warehouse}, {'to_location': shelves},
                    {'to_location': storage}, {'unit_price': None},
                    {'currency': None}, {'unit_price': Decimal('0.00001')},
                    {'cost_price_required': False,
                        'cost_price': Decimal('30')},
                    {'origin': None}, {'state': 'assigned'},
                    {**done, 'effective_date': None},
                    {**done, 'cost_price': None},
                    {**done, 'cost_price': Decimal('0.00001')}]:
                with self.subTest(wrong=wrong):
                    self.assertFalse(sold(**wrong).counter_valid())

    @with_transaction()
    def test_counter_moves_failing_check_validated(self):
        "A move failing the counter's check gets trytond's validation"
        pool = Pool()
        Move = pool.get('stock.move')
        Location = pool.get('stock.location')

        product = self.create_product("Hyaluronic Serum")
        storage, = Location.search([('code', '=', 'STO')])
        shelves, = Location.create([{'name': "Shelves", 'type': 'view'}])
        company = create_company()
        with set_company(company), \
                Transaction().set_context(_counter_checkout=True):
            misplaced, = Move.create([{
                        'product': product.id,
                        'unit': product.default_uom.id,
                        'quantity': 1,
                        'from_location': storage.id,
                        'to_location': shelves.id,
                        'company': company.id,
                        }])
            # Stock allows a draft move into a view, never a done one
            with self.assertRaises(DomainValidationError):
                Move.write([misplaced], {
                        'state': 'done', 'effective_date': dt.date.today(),
                        'cost_price': Decimal('30')})

    @with_transaction()
    def test_counter_do_layers(self):
        "The counter does its moves as every module's do() would"
        pool = Pool()
        Move = pool.get('stock.move')
        def layers(name):
            return {c.__module__ for c in Move.__mro__ if name in vars(c)}
        self.assertEqual(layers('do'), set(COUNTER_DO_LAYERS))
        for name in ['_do', 'set_effective_date']:
            self.assertEqual(layers(name), {'trytond.modules.stock.move'})

    @with_transaction()
    def test_counter_checks_every_constraint(self):
        "The checkout's own check covers every field trytond would check"
        pool = Pool()
        company = "[('company', '=', Eval('company', -1))]"

        def location(other):
            "A move's location: no warehouse, no view once done"
            return ("[[If((Eval('state').in_(['staging', 'draft', "
                "'cancelled']) | ((Eval('state') == 'assigned') & "
                "~Bool(Eval('quantity')))), ('type', 'not in', "
                "['warehouse']), ('type', 'not in', ['warehouse', 'view'])), "
                "If(~Eval('state').in_(['done', 'cancelled']), "
                "('active', '=', True), ())], "
                "('id', '!=', Eval('%s', -1))]" % other)

        def none_unless(required, field):
            return ("[If(~Bool(Eval('%s')), ('%s', '=', None), ())]"
                % (required, field))
        # The domains and required fields counter_valid was written for
        checked = {
            'sale.point.sale': {
                'company': (None, True), 'date': (None, True),
                'point': (company, True), 'store': (company, True),
                'channel': (company, True), 'employee': (company, 'False'),
                'state': (None, 'False'), 'cash_change': (None, 'False'),
                'number': (None, "Eval('state').in_(['done', 'posted'])"),
                'client_key': (None, 'False'),
                },
            'sale.point.sale.line': {
                'sale': (None, True),
                'product': ("[If(((Eval('sale_state') == 'open') "
                        "& ~(Eval('quantity', 0) < 0)), "
                        "('salable', '=', True), ())]", True),
                'lot': ("[('product', '=', Eval('product', -1))]", 'False'),
                'quantity': (None, True),
                'unit_list_price': (None, True),
                'unit_gross_price': (None, True),
                },
            'sale.point.payment': {
                'sale': (None, True), 'method': (company, True),
                'session': ("[('point', '=', Eval('point', -1))]",
                    "Eval('cash', False)"),
                'amount': (None, 'False'),
                },
            'stock.move': {
                'company': (None, True), 'state': (None, 'False'),
                'effective_date': (None, "(Eval('state') == 'done')"),
                'from_location': (location('to_location'), True),
                'to_location': (location('from_location'), True),
                'product': ("[If((Bool(Eval('product_uom_category')) & "
                        "~Eval('state').in_(['done', 'cancelled'])), "
                        "('default_uom_category', '=', "
                        "Eval('product_uom_category')), ()), "
                        "('type', 'in', ['goods', 'assets'])]", True),
                'unit': ("[If(~Eval('state').in_(['done', 'cancelled']), "
                        "('category', '=', Eval('product_uom_category', -1)), "
                        "())]", True),
                'lot': ("[('product', '=', Eval('product', -1))]", 'False'),
                'quantity': ("[('quantity', '>=', 0)]", True),
                'internal_quantity': (
                    "[('internal_quantity', '>=', 0)]", True),
                'unit_price': (none_unless('unit_price_required',
                        'unit_price'), "Eval('unit_price_required', False)"),
                'currency': (none_unless('unit_price_required', 'id'),
                    "Eval('unit_price_required', False)"),
                'cost_price': (none_unless('cost_price_required',
                        'cost_price'), "((Eval('state') == 'done') & "
                    "Eval('cost_price_required', False))"),
                'product_cost_price': (none_unless('cost_price_required',
                        'product_cost_price'), 'False'),
                'origin': ("{'purchase.line': [('type', '=', 'line')], "
                    "'sale.line': [('type', '=', 'line')]}", 'False'),
                'invoice_lines': ("[('product.default_uom_category', '=', "
                    "Eval('product_uom_category', -1)), "
                    "('type', '=', 'line'), ['OR', ('invoice.type', 'in', "
                    "Eval('invoice_types', [])), ('invoice_type', 'in', "
                    "Eval('invoice_types', []))]]", 'False'),
                },
            }
        for name, constraints in checked.items():
            Model = pool.get(name)
            with self.subTest(model=name):
                self.assertEqual(constrained_fields(Model), constraints)
                self.assertEqual(set(constraints), Model._counter_checked)

    @with_transaction()
    def test_counter_sale_checked(self):
        "The checkout's check of its sale refuses what trytond refuses"
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        Point = pool.get('sale.point')
        Store = pool.get('retail.store')
        Channel = pool.get('retail.channel')
        Employee = pool.get('company.employee')

        company, other = create_company(), create_company()
        with set_company(company):
            def sale(**values):
                return Sale(**{
                        'company': company, 'date': dt.date.today(),
                        'point': Point(company=company),
                        'store': Store(company=company),
                        'channel': Channel(company=company),
                        'employee': None, 'state': 'open',
                        'cash_change': Decimal('0.50'), 'number': '0001',
                        'client_key': 'till-1/42', **values})

            self.assertTrue(sale().counter_valid())
            for wrong in [
                    {'point': Point(company=other)},
                    {'store': Store(company=other)},
                    {'channel': Channel(company=other)},
                    {'employee': Employee(company=other)},
                    {'store': None}, {'date': None}, {'state': 'paid'},
                    {'state': 'done', 'number': None},
                    {'cash_change': Decimal('0.001')},
                    {'client_key': 'till-1\t42'}]:
                with self.subTest(wrong=wrong):
                    self.assertFalse(sale(**wrong).counter_valid())

    @with_transaction()
    def test_counter_lines_and_payments_checked(self):
        "The checkout's check of its lines and payments refuses what trytond "
        "refuses"
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        Line = pool.get('sale.point.sale.line')
        Payment = pool.get('sale.point.payment')
        Method = pool.get('sale.point.payment.method')
        Session = pool.get('sale.point.cash.session')
        Point = pool.get('sale.point')
        Lot = pool.get('stock.lot')

        serum = self.create_product("Hyaluronic Serum", salable=True)
        tester = self.create_product("Serum Tester")
        serum_lot, tester_lot = Lot.create([
                {'number': 'S1', 'product': serum.id},
                {'number': 'T1', 'product': tester.id}])
        company, other = create_company(), create_company()
        with set_company(company):
            point = Point(company=company)
            sale = Sale(company=company, point=point, state='open')

            def line(**values):
                return Line(**{
                        'sale': sale, 'product': serum, 'lot': serum_lot,
                        'quantity': 2, 'unit_list_price': Decimal('88.4956'),
                        'unit_gross_price': Decimal('100'), **values})

            self.assertTrue(line().counter_valid())
            # A return may take back what is no longer sold
            self.assertTrue(line(
                    product=tester, lot=tester_lot,
                    quantity=-1).counter_valid())
            for wrong in [
                    {'product': tester, 'lot': tester_lot},
                    {'lot': tester_lot}, {'quantity': 1.5},
                    {'quantity': None}, {'unit_list_price': None},
                    {'unit_gross_price': Decimal('0.00001')}]:
                with self.subTest(wrong=wrong):
                    self.assertFalse(line(**wrong).counter_valid())

            def payment(**values):
                return Payment(**{
                        'sale': sale, 'method': Method(company=company),
                        'session': Session(point=point),
                        'amount': Decimal('100'), **values})

            self.assertTrue(payment().counter_valid())
            for wrong in [
                    {'method': Method(company=other)}, {'method': None},
                    {'method': Method(company=company, cash=True),
                        'session': None},
                    {'session': Session(point=Point(company=company))},
                    {'amount': Decimal('0.001')}]:
                with self.subTest(wrong=wrong):
                    self.assertFalse(payment(**wrong).counter_valid())


def constrained_fields(Model):
    """The fields of the model trytond's validation checks in production
    (domains, required, digits, sizes, selections, forbidden characters and
    time formats; function fields only in tests), each with its domain and
    whether it is required"""
    checked = {}
    for name, field in Model._fields.items():
        if isinstance(field, fields.Function):
            continue
        if (field.domain or field.required
                or 'required' in (field.states or {})
                or getattr(field, 'digits', None)
                or getattr(field, 'size', None) is not None
                or getattr(field, 'forbidden_chars', None)
                or (field._type in {'selection', 'multiselection'}
                    and field.selection)
                or (field._type in {'datetime', 'time'}
                    and name not in {'create_date', 'write_date'})):
            required = field.required or repr(
                (field.states or {}).get('required', False))
            checked[name] = (
                repr(field.domain) if field.domain else None, required)
    return checked


del ModuleTestCase
