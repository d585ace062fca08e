# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Near-expiry lots: per store, the lots in stock that expire within the
configured horizons, as a list and as a daily notification to the store's
manager."""
import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal

from sql import Literal, Union
from sql.aggregate import Count, Min, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import Function, Round

from trytond import backend
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, PYSONEncoder
from trytond.transaction import Transaction

from .exceptions import NearExpiryHorizonError

EXPIRED = 'expired'
# Float sums of moved quantities: below this a lot is out of stock
QUANTITY_EPSILON = 1e-6


class _SQLiteJulianDay(Function):
    __slots__ = ()
    _function = 'JULIANDAY'


def parse_horizons(text):
    "Return the sorted days of the horizons written in text, or None"
    parts = [p for p in re.split(r'[,，;；\s]+', text or '') if p]
    if not parts or not all(p.isdigit() and int(p) > 0 for p in parts):
        return None
    return sorted({int(p) for p in parts})


class Configuration(metaclass=PoolMeta):
    __name__ = 'stock.configuration'

    near_expiry_horizons = fields.Char(
        "Near-Expiry Horizons", required=True,
        help="In days, separated by commas: the lots expiring within "
        "each horizon are listed and notified to the store managers.")

    @classmethod
    def default_near_expiry_horizons(cls):
        return '30, 60, 90'

    @classmethod
    def validate_fields(cls, configurations, field_names):
        super().validate_fields(configurations, field_names)
        if 'near_expiry_horizons' in field_names:
            for configuration in configurations:
                configuration.check_near_expiry_horizons()

    def check_near_expiry_horizons(self):
        if parse_horizons(self.near_expiry_horizons) is None:
            raise NearExpiryHorizonError(gettext(
                    'retail_cloud.msg_near_expiry_horizons_invalid',
                    horizons=self.near_expiry_horizons))

    @classmethod
    def get_near_expiry_horizons(cls):
        "Return the sorted horizons in days"
        return (parse_horizons(cls(1).near_expiry_horizons)
            or parse_horizons(cls.default_near_expiry_horizons()))


def horizon_selection():
    "The horizons as selection: expired first, then each horizon in days"
    pool = Pool()
    Configuration = pool.get('stock.configuration')
    expired = gettext('retail_cloud.msg_near_expiry_horizon_expired')
    return [(EXPIRED, expired)] + [
        (str(days), gettext(
                'retail_cloud.msg_near_expiry_horizon_within', days=days))
        for days in Configuration.get_near_expiry_horizons()]


class NearExpiryContext(ModelView):
    "Near-Expiry Lots Context"
    __name__ = 'stock.lot.near_expiry.context'

    company = fields.Many2One('company.company', "Company", required=True)
    date = fields.Date(
        "Date", required=True,
        help="The day from which the days left are counted.")
    store = fields.Many2One(
        'retail.store', "Store",
        domain=[('company', '=', Eval('company', -1))])
    horizon = fields.Selection(
        'get_horizons', "Horizon",
        help="Show the lots expiring up to this horizon; "
        "empty for the longest.")
    category = fields.Many2One(
        'product.category', "Category",
        context={'company': Eval('company', -1)}, depends=['company'],
        help="Show only the products of this category or its children.")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Transaction().context.get('date') or Date.today()

    @classmethod
    def default_store(cls):
        return Transaction().context.get('store')

    @classmethod
    def default_horizon(cls):
        return Transaction().context.get('horizon')

    @classmethod
    def default_category(cls):
        return Transaction().context.get('category')

    @classmethod
    def get_horizons(cls):
        return [(None, '')] + horizon_selection()


class NearExpiry(ModelSQL, ModelView):
    "Near-Expiry Lot"
    __name__ = 'stock.lot.near_expiry'

    company = fields.Many2One('company.company', "Company")
    store = fields.Many2One('retail.store', "Store")
    warehouse = fields.Many2One('stock.location', "Warehouse")
    product = fields.Many2One(
        'product.product', "Product",
        context={'company': Eval('company', -1)}, depends=['company'])
    category = fields.Many2One(
        'product.category', "Category",
        context={'company': Eval('company', -1)}, depends=['company'],
        help="The product's category (the first when it has several).")
    lot = fields.Many2One('stock.lot', "Lot")
    expiration_date = fields.Date("Expiration Date")
    days_left = fields.Integer(
        "Days Left",
        help="Days from the date of the list to the expiry; "
        "negative once expired.")
    horizon = fields.Selection('get_horizons', "Horizon", sort=False)
    quantity = fields.Float("Quantity", digits='unit')
    unit = fields.Many2One('product.uom', "Unit")
    unit_cost = fields.Numeric(
        "Unit Cost", digits=(16, 4),
        help="The product's cost price in the store's company.")
    cost_value = fields.Numeric(
        "Cost Value", digits='currency',
        help="Quantity times unit cost.")
    currency = fields.Many2One('currency.currency', "Currency")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('expiration_date', 'ASC'),
            ('store', 'ASC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def get_horizons(cls):
        return horizon_selection()

    @classmethod
    def _date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Transaction().context.get('date') or Date.today()

    @classmethod
    def _limit_days(cls, horizons):
        "Days beyond the date up to which lots are listed, None: expired"
        horizon = Transaction().context.get('horizon')
        if horizon == EXPIRED:
            return None
        if horizon and horizon.isdigit():
            return int(horizon)
        return horizons[-1]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Configuration = pool.get('stock.configuration')
        Lot = pool.get('stock.lot')
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        Store = pool.get('retail.store')
        Company = pool.get('company.company')
        Currency = pool.get('currency.currency')
        CostPrice = pool.get('product.cost_price')
        lot = Lot.__table__()
        product = Product.__table__()
        template = Template.__table__()
        store = Store.__table__()
        company = Company.__table__()
        currency = Currency.__table__()
        cost = CostPrice.__table__()

        date = cls._date()
        horizons = Configuration.get_near_expiry_horizons()
        limit_days = cls._limit_days(horizons)
        if limit_days is None:
            expiry_limit = date - dt.timedelta(days=1)
        else:
            expiry_limit = date + dt.timedelta(days=limit_days)
        stock = cls._stock_query(date, expiry_limit)
        categories = cls._category_query()

        horizon = Case(
            (lot.shelf_life_expiration_date < date, EXPIRED),
            *((lot.shelf_life_expiration_date
                    <= date + dt.timedelta(days=days), str(days))
                for days in horizons))
        if backend.name == 'sqlite':
            days_left = (_SQLiteJulianDay(lot.shelf_life_expiration_date)
                - _SQLiteJulianDay(date))
        else:
            days_left = lot.shelf_life_expiration_date - date
        unit_cost = Coalesce(cost.cost_price, 0)
        cost_value = Round(
            cls.cost_value.sql_cast(stock.quantity) * unit_cost,
            currency.digits)
        query = (stock
            .join(lot, condition=stock.lot == lot.id)
            .join(product, condition=stock.product == product.id)
            .join(template, condition=product.template == template.id)
            .join(store, condition=stock.store == store.id)
            .join(company, condition=store.company == company.id)
            .join(currency, condition=company.currency == currency.id)
            .join(cost, 'LEFT', condition=(cost.product == stock.product)
                & (cost.company == store.company))
            .join(categories, 'LEFT',
                condition=categories.template == template.id)
            .select(
                stock.id.as_('id'),
                store.company.as_('company'),
                store.id.as_('store'),
                store.warehouse.as_('warehouse'),
                stock.product.as_('product'),
                categories.category.as_('category'),
                stock.lot.as_('lot'),
                lot.shelf_life_expiration_date.as_('expiration_date'),
                cls.days_left.sql_cast(days_left).as_('days_left'),
                cls.horizon.sql_cast(horizon).as_('horizon'),
                stock.quantity.as_('quantity'),
                template.default_uom.as_('unit'),
                cls.unit_cost.sql_cast(unit_cost).as_('unit_cost'),
                cls.cost_value.sql_cast(cost_value).as_('cost_value'),
                currency.id.as_('currency'),
                ))
        category_id = Transaction().context.get('category')
        if category_id is not None:
            query.where = template.id.in_(
                cls._category_templates(category_id))
        return query

    @classmethod
    def _store_locations(cls):
        "Query of the storage locations of each store of the context"
        pool = Pool()
        Store = pool.get('retail.store')
        Location = pool.get('stock.location')
        store = Store.__table__()
        warehouse = Location.__table__()
        storage = Location.__table__()
        location = Location.__table__()
        context = Transaction().context

        where = store.company == context.get('company', -1)
        if context.get('store') is not None:
            where &= store.id == context['store']
        return (store
            .join(warehouse, condition=store.warehouse == warehouse.id)
            .join(storage,
                condition=warehouse.storage_location == storage.id)
            .join(location,
                condition=(location.left >= storage.left)
                & (location.right <= storage.right))
            .select(
                store.id.as_('store'), location.id.as_('location'),
                where=where))

    @classmethod
    def _stock_query(cls, date, expiry_limit):
        """Query of the quantity in stock on date per store and lot, for the
        lots expiring up to expiry_limit: the done moves into the stores'
        storage locations minus those out of them, in one pass"""
        pool = Pool()
        Move = pool.get('stock.move')
        Lot = pool.get('stock.lot')
        context = Transaction().context

        def store_moves(location_column):
            move = Move.__table__()
            lot = Lot.__table__()
            locations = cls._store_locations()
            to_store = location_column == 'to_location'
            quantity = move.internal_quantity
            return (move
                .join(lot, condition=move.lot == lot.id)
                .join(locations, condition=(
                        getattr(move, location_column) == locations.location))
                .select(
                    locations.store.as_('store'),
                    move.product.as_('product'),
                    move.lot.as_('lot'),
                    (quantity if to_store else -quantity).as_('quantity'),
                    # Rows take the id of the first move into the store
                    (move.id if to_store else Literal(None)).as_('move'),
                    where=(move.state == 'done')
                    & (move.effective_date <= date)
                    & (move.company == context.get('company', -1))
                    & (lot.shelf_life_expiration_date <= expiry_limit)))

        moves = Union(
            store_moves('to_location'),
            store_moves('from_location'),
            all_=True)
        quantity = Sum(moves.quantity)
        return moves.select(
            Min(moves.move).as_('id'),
            moves.store, moves.product, moves.lot,
            quantity.as_('quantity'),
            group_by=[moves.store, moves.product, moves.lot],
            having=quantity > QUANTITY_EPSILON)

    @classmethod
    def _category_query(cls):
        "Query of one category per template: the first"
        pool = Pool()
        TemplateCategory = pool.get('product.template-product.category')
        template_category = TemplateCategory.__table__()
        return template_category.select(
            template_category.template,
            Min(template_category.category).as_('category'),
            group_by=[template_category.template])

    @classmethod
    def _category_templates(cls, category_id):
        "Query of the templates in the category or its children"
        pool = Pool()
        Category = pool.get('product.category')
        TemplateCategory = pool.get('product.template-product.category')
        template_category = TemplateCategory.__table__()
        categories = Category.search([('parent', 'child_of', [category_id])])
        return template_category.select(
            template_category.template,
            where=template_category.category.in_(
                [c.id for c in categories] or [-1]))

    @classmethod
    def summary(cls):
        """Return per store and horizon the number of lots and their cost
        value, for the context, in one query"""
        cursor = Transaction().connection.cursor()
        rows = cls.table_query()
        cursor.execute(*rows.select(
                rows.store, rows.horizon,
                Count(rows.id), Sum(rows.cost_value),
                group_by=[rows.store, rows.horizon]))
        summary = defaultdict(dict)
        for store, horizon, count, value in cursor:
            summary[store][horizon] = (
                count, Decimal(str(value)) if value is not None else None)
        return summary

    @classmethod
    def notify_managers(cls):
        "Tell each open store's manager about its near-expiry lots"
        pool = Pool()
        Company = pool.get('company.company')
        Notification = pool.get('res.notification')
        Store = pool.get('retail.store')
        context = Transaction().context

        if context.get('company') is not None:
            companies = [Company(context['company'])]
        else:
            companies = Company.search([])
        notifications = []
        for company in companies:
            with Transaction().set_context(
                    company=company.id, date=None, store=None,
                    horizon=None, category=None):
                summary = cls.summary()
                for store in Store.browse(list(summary)):
                    if store.state == 'open' and store.manager:
                        notifications.extend(store_notifications(
                                store, summary[store.id]))
        Notification.save(notifications)


def store_notifications(store, horizons):
    "Return the notifications to the store's users about the horizons"
    pool = Pool()
    ActWindow = pool.get('ir.action.act_window')
    Lang = pool.get('ir.lang')
    ModelData = pool.get('ir.model.data')
    Notification = pool.get('res.notification')
    User = pool.get('res.user')

    action = ActWindow(ModelData.get_id(
            'retail_cloud', 'act_near_expiry')).action
    action_value = json.dumps({
            'pyson_context': PYSONEncoder().encode({'store': store.id}),
            })
    currency = store.company.currency
    notifications = []
    for user in User.search([('employees', '=', store.manager.id)]):
        language = user.language.code if user.language else None
        with Transaction().set_context(language=language):
            lang = Lang.get(language)
            selection = horizon_selection()
            lines = [gettext('retail_cloud.msg_near_expiry_notification_line',
                    horizon=label, lots=horizons[key][0],
                    value=lang.currency(
                        currency.round(horizons[key][1] or 0), currency))
                for key, label in selection if key in horizons]
            notifications.append(Notification(
                    user=user,
                    icon='tryton-warning',
                    label=gettext(
                        'retail_cloud.msg_near_expiry_notification_label',
                        store=store.rec_name),
                    description='; '.join(lines),
                    action=action,
                    action_value=action_value))
    return notifications


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('stock.lot.near_expiry|notify_managers',
                "Notify Near-Expiry Lots to Store Managers"))
