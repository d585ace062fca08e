/* This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
   this repository contains the full copyright notices and license terms.

   The cashier's screen (收银台): signs in as a Tryton user over JSON-RPC,
   keeps the cart in the browser and sends the whole sale in one checkout
   call when it is paid.  A sale that could not reach the server waits in
   localStorage and is sent again with the same key: the server records it
   once. */
'use strict';

// Every text of the screen, to translate in one place
const T = {
    title: '收银台',
    login: '用户名',
    password: '密码',
    signIn: '登录',
    signOut: '退出',
    badLogin: '用户名或密码错误',
    choosePoint: '选择收银台',
    noPoint: '您没有可用的收银台',
    changePoint: '切换收银台',
    cashier: '收银员：{name}',
    scanHint: '扫码或输入商品名称、编码、拼音首字母（如 bns）',
    notFound: '没有找到商品：{text}',
    item: '商品',
    unitPrice: '单价',
    quantity: '数量',
    discount: '优惠%',
    amount: '金额',
    remove: '删除',
    cartEmpty: '购物车为空：请扫码添加商品',
    clearCart: '清空购物车',
    confirmClear: '确定清空购物车吗？',
    member: '会员',
    memberPhone: '会员手机号',
    find: '查找',
    memberNotFound: '没有手机号为 {phone} 的会员',
    tier: '等级',
    points: '积分',
    dropMember: '取消会员',
    itemCount: '件数',
    vat: '其中增值税',
    total: '应收',
    pay: '收款',
    toPay: '应收',
    paid: '已收',
    remaining: '还差',
    change: '找零',
    all: '全额',
    back: '返回',
    confirmPay: '确认收款',
    park: '先做下一单',
    notPaid: '还差 {amount} 未收',
    overpaid: '非现金收款不能超过应收金额',
    offline: '离线，正在重试',
    pending: '{count} 笔待上传',
    sessionExpired: '登录已过期，请重新登录',
    paper: '小票纸宽',
    print: '打印小票',
    nextSale: '下一单',
    receiptTitle: '购物小票',
    store: '门店',
    till: '收银台',
    number: '单号',
    date: '日期',
    cashierShort: '收银员',
    receiptTotal: '合计',
    receiptPayments: '付款',
    receiptChange: '找零',
    thanks: '谢谢惠顾，欢迎再次光临',
    discountShort: '优惠 {rate}%',
    originalNumber: '原单号',
    returnMode: '退货',
    session: '交班',
    approvalTitle: '店长授权',
    approvalHint: '优惠 {rate}% 超出您的上限 {limit}%：请店长输入用户名和密码授权。',
    approve: '授权',
    cancel: '取消',
    approvedBy: '优惠已由 {login} 授权（至 {rate}%）',
};

function t(key, params) {
    return (T[key] || key).replace(/\{(\w+)\}/g, (_, name) => params[name]);
}

const database = decodeURIComponent(location.pathname.split('/')[1]);
const storageKey = name => `retail_counter_${database}_${name}`;
const $ = id => document.getElementById(id);

/* ---------- Money: integers of 1/10000 (prices) and 1/100 (amounts) */

// Round half to even as Python's Decimal does, dividing by a power of ten
function roundHalfEven(value, divisor) {
    const quotient = Math.floor(value / divisor);
    const rest = value - quotient * divisor;
    if (rest * 2 > divisor || (rest * 2 === divisor && quotient % 2 !== 0)) {
        return quotient + 1;
    }
    return quotient;
}

function toUnits(text, digits) {
    const [whole, fraction = ''] = String(text).split('.');
    const negative = whole.startsWith('-');
    const units = Math.abs(parseInt(whole || '0', 10)) * 10 ** digits
        + parseInt((fraction + '0'.repeat(digits)).slice(0, digits) || '0', 10);
    return negative ? -units : units;
}

function formatCents(cents) {
    const sign = cents < 0 ? '-' : '';
    cents = Math.abs(cents);
    return sign + Math.floor(cents / 100) + '.'
        + String(cents % 100).padStart(2, '0');
}

const money = cents => '¥' + formatCents(cents);

// A line's price after its discount, as the server rounds it (4 digits)
const discounted = (price4, discount) =>
    roundHalfEven(price4 * (100 - discount), 100);
// quantity × price, rounded to the cent
const lineCents = (price4, quantity) => roundHalfEven(price4 * quantity, 100);

/* ---------- JSON-RPC */

class RPCError extends Error {
    constructor(error) {
        const message = Array.isArray(error) ?
            (Array.isArray(error[1]) ? error[1][0] : String(error[1] || error[0]))
            : String(error);
        super(message);
        this.error = error;
    }
}

class NetworkError extends Error {}
class SessionError extends Error {}

function revive(key, value) {
    if (value && typeof value === 'object' && value.__class__) {
        switch (value.__class__) {
            case 'Decimal':
                return value.decimal;
            case 'date':
                return new Date(value.year, value.month - 1, value.day);
            case 'datetime':
                // The server's times are in UTC
                return new Date(Date.UTC(value.year, value.month - 1,
                    value.day, value.hour, value.minute, value.second));
        }
    }
    return value;
}

const decimal = cents => ({'__class__': 'Decimal', 'decimal': formatCents(cents)});

function base64(text) {
    const bytes = new TextEncoder().encode(text);
    return btoa(String.fromCharCode(...bytes));
}

const rpc = {
    session: null,
    context: {},

    async call(method, ...params) {
        const headers = {'Content-Type': 'application/json'};
        if (this.session) {
            const {login, userId, token} = this.session;
            headers.Authorization = 'Session ' + base64(
                `${login}:${userId}:${token}`);
        }
        let response;
        try {
            response = await fetch(`/${encodeURIComponent(database)}/rpc/`, {
                method: 'POST', headers,
                body: JSON.stringify({id: Date.now(), method, params}),
            });
        } catch (error) {
            throw new NetworkError(error.message);
        }
        if (response.status === 401 || response.status === 403) {
            throw new SessionError(t('sessionExpired'));
        }
        if (!response.ok) {
            // A gateway or server down: the request may be sent again
            throw new NetworkError(response.statusText);
        }
        let reply;
        try {
            reply = JSON.parse(await response.text(), revive);
        } catch (error) {
            throw new NetworkError(error.message);
        }
        if (reply.error) {
            throw new RPCError(reply.error);
        }
        return reply.result;
    },

    model(model, method, ...params) {
        return this.call(`model.${model}.${method}`, ...params, this.context);
    },

    searchRead(model, domain, fields, limit = null, order = null) {
        return this.model(model, 'search_read', domain, 0, limit, order, fields);
    },
};

/* ---------- State kept across reloads */

const state = {
    user: null,           // {login, userId, token, name}
    point: null,          // {id, name, store}
    methods: [],          // the payment methods: [{id, name, cash}]
    limit: Infinity,      // the cashier's discount limit, in percent
    approval: null,       // a manager's {login, password, discount}, in memory only
    cart: {lines: [], member: null, key: null},
    pending: [],          // sales sent but not answered: [{key, pointId, order, slip}]
    results: [],
    active: 0,
};

function save(name) {
    // A manager's password is never written to the browser's storage
    localStorage.setItem(storageKey(name), JSON.stringify(state[name],
        (key, value) => key === 'approval' ? undefined : value));
}

function load(name, fallback) {
    try {
        return JSON.parse(localStorage.getItem(storageKey(name))) ?? fallback;
    } catch (error) {
        return fallback;
    }
}

/* ---------- Screens */

function show(id) {
    for (const screen of document.querySelectorAll('.screen')) {
        screen.hidden = screen.id !== id;
    }
    if (id === 'counter') {
        focusScan();
    }
}

function translatePage() {
    for (const element of document.querySelectorAll('[data-t]')) {
        element.textContent = t(element.dataset.t);
    }
    for (const element of document.querySelectorAll('[data-t-placeholder]')) {
        element.placeholder = t(element.dataset.tPlaceholder);
    }
    document.title = t('title');
}

function dialogOpen() {
    return !!document.querySelector('#counter .overlay:not([hidden])');
}

// The scanner types into the scan field: keep it focused unless the cashier
// is typing elsewhere
function focusScan() {
    if ($('counter').hidden || dialogOpen()) {
        return;
    }
    const active = document.activeElement;
    if (!active || !['INPUT', 'SELECT', 'TEXTAREA'].includes(active.tagName)
            || active === $('scan')) {
        $('scan').focus();
    }
}

/* ---------- Sign-in and points */

async function signIn(event) {
    event.preventDefault();
    $('signin-error').textContent = '';
    const login = $('login').value.trim();
    try {
        const result = await rpc.call(
            'common.db.login', login, {password: $('password').value}, 'zh_CN');
        if (!result) {
            throw new RPCError(t('badLogin'));
        }
        const [userId, token] = result;
        state.user = {login, userId, token};
        rpc.session = state.user;
        await startSession();
    } catch (error) {
        $('signin-error').textContent = error instanceof RPCError ?
            t('badLogin') : error.message;
    }
    $('password').value = '';
}

async function startSession() {
    rpc.session = state.user;
    const [context, preferences] = await Promise.all([
        rpc.call('model.res.user.get_preferences', true, {}),
        rpc.call('model.res.user.get_preferences', false, {}),
    ]);
    rpc.context = context;
    state.user.name = preferences.name || state.user.login;
    save('user');
    const [user] = await rpc.model(
        'res.user', 'read', [state.user.userId], ['pos_discount_limit']);
    state.limit = user.pos_discount_limit === null ? Infinity
        : Math.round(parseFloat(user.pos_discount_limit) * 10000) / 100;
    state.methods = await rpc.searchRead(
        'sale.point.payment.method', [], ['name', 'cash'],
        null, [['cash', 'DESC'], ['id', 'ASC']]);
    const point = load('point', null);
    if (point) {
        await usePoint(point);
    } else {
        await choosePoint();
    }
}

async function choosePoint() {
    show('points');
    $('points-error').textContent = '';
    // The user's record rules decide which tills are listed
    const points = await rpc.searchRead('sale.point', [],
        ['name', 'store.name', 'store.code'], null, [['name', 'ASC']]);
    const list = $('point-list');
    list.replaceChildren();
    for (const point of points) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = point.name;
        button.addEventListener('click', () => usePoint({
            id: point.id, name: point.name,
            store: (point['store.'] || {}).name || '',
        }));
        const item = document.createElement('li');
        item.append(button);
        list.append(item);
    }
    if (!points.length) {
        $('points-error').textContent = t('noPoint');
    }
}

async function usePoint(point) {
    state.point = point;
    save('point');
    $('point-name').textContent = point.name.startsWith(point.store) ?
        point.name : `${point.store} · ${point.name}`;
    $('cashier').textContent = t('cashier', {name: state.user.name});
    show('counter');
    renderCart();
    renderNetwork();
    const paid = state.pending.find(p => p.key === state.cart.key);
    if (paid) {
        resumePay(paid);
    }
    retryPending();
}

function signOut() {
    state.user = null;
    state.point = null;
    rpc.session = null;
    localStorage.removeItem(storageKey('user'));
    localStorage.removeItem(storageKey('point'));
    show('signin');
    $('login').focus();
}

/* ---------- Products */

async function onScanKey(event) {
    const results = state.results;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (results.length) {
            const step = event.key === 'ArrowDown' ? 1 : -1;
            state.active = (state.active + step + results.length) % results.length;
            renderResults();
        }
        event.preventDefault();
    } else if (event.key === 'Escape') {
        closeResults();
    } else if (event.key === 'Enter') {
        event.preventDefault();
        const text = $('scan').value.trim();
        if (!text) {
            return;
        }
        if (results.length && !/^\d{8,14}$/.test(text)) {
            addProduct(results[state.active]);
            return;
        }
        await lookUp(text, true);
    }
}

const PRODUCT_FIELDS = [
    'rec_name', 'code', 'barcode', 'gross_price_used', 'list_price_used'];

async function lookUp(text, pick) {
    $('scan-error').textContent = '';
    let products = [];
    try {
        if (/^\d{8,14}$/.test(text)) {
            products = await rpc.searchRead('product.product', [
                ['barcode', '=', text], ['template.salable', '=', true]],
                PRODUCT_FIELDS, 2);
        }
        if (!products.length) {
            products = await rpc.searchRead('product.product', [
                ['rec_name', 'ilike', `%${text}%`], ['template.salable', '=', true]],
                PRODUCT_FIELDS, 20, [['code', 'ASC']]);
        }
    } catch (error) {
        $('scan-error').textContent = error.message;
        return;
    }
    if (text !== $('scan').value.trim()) {
        return;  // the cashier typed on meanwhile
    }
    if (!products.length) {
        closeResults();
        if (pick) {
            $('scan-error').textContent = t('notFound', {text});
            $('scan').select();
        }
    } else if (pick && products.length === 1) {
        addProduct(products[0]);
    } else {
        state.results = products;
        state.active = 0;
        renderResults();
    }
}

let searchTimer = null;

function onScanInput() {
    clearTimeout(searchTimer);
    const text = $('scan').value.trim();
    // Digits come from the scanner: wait for its Enter
    if (!text || /^\d+$/.test(text)) {
        closeResults();
        return;
    }
    searchTimer = setTimeout(() => lookUp(text, false), 250);
}

function renderResults() {
    const list = $('results');
    list.replaceChildren();
    state.results.forEach((product, index) => {
        const item = document.createElement('li');
        item.className = index === state.active ? 'active' : '';
        const name = document.createElement('span');
        name.textContent = product.rec_name;
        const price = document.createElement('span');
        price.textContent = money(roundHalfEven(
            toUnits(product.gross_price_used || 0, 4), 100));
        item.append(name, price);
        item.addEventListener('mousedown', event => {
            event.preventDefault();
            addProduct(product);
        });
        list.append(item);
    });
    list.hidden = !state.results.length;
}

function closeResults() {
    state.results = [];
    $('results').hidden = true;
}

function addProduct(product) {
    closeResults();
    $('scan').value = '';
    $('scan-error').textContent = '';
    const lines = state.cart.lines;
    let line = lines.find(l => l.product === product.id && !l.discount);
    if (line) {
        line.quantity += 1;
    } else {
        line = {
            product: product.id,
            name: product.rec_name,
            gross: toUnits(product.gross_price_used || 0, 4),
            net: toUnits(product.list_price_used || 0, 4),
            quantity: 1,
            discount: 0,
        };
        lines.push(line);
    }
    cartChanged();
    focusScan();
}

/* ---------- Cart */

function lineTotals(line) {
    const gross = lineCents(discounted(line.gross, line.discount), line.quantity);
    const net = lineCents(discounted(line.net, line.discount), line.quantity);
    return {gross, tax: gross - net};
}

function cartTotals() {
    let total = 0;
    let tax = 0;
    let count = 0;
    for (const line of state.cart.lines) {
        const amounts = lineTotals(line);
        total += amounts.gross;
        tax += amounts.tax;
        count += line.quantity;
    }
    return {total, tax, count};
}

function cartChanged() {
    // A changed cart is another sale: it needs a new key at payment
    state.cart.key = null;
    save('cart');
    renderCart();
}

function button(text, onClick, title) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    if (title) {
        element.title = title;
    }
    element.addEventListener('click', onClick);
    return element;
}

function renderCart() {
    const body = $('cart-lines');
    body.replaceChildren();
    state.cart.lines.forEach((line, index) => {
        const row = document.createElement('tr');
        const cell = (content, className) => {
            const td = document.createElement('td');
            td.className = className || '';
            td.append(content);
            row.append(td);
            return td;
        };
        cell(line.name, 'name');
        cell(money(roundHalfEven(discounted(line.gross, line.discount), 100)),
            'num');
        const quantity = document.createElement('span');
        quantity.className = 'qty-value';
        quantity.textContent = ` ${line.quantity} `;
        const qty = cell(button('−', () => setQuantity(index, -1)), 'num qty');
        qty.append(quantity, button('+', () => setQuantity(index, 1)));
        const discount = document.createElement('input');
        discount.className = 'discount';
        discount.type = 'number';
        discount.min = 0;
        discount.max = 100;
        discount.step = 'any';
        discount.value = line.discount;
        discount.addEventListener('change', () => setDiscount(index, discount));
        discount.addEventListener('keydown', event => {
            if (event.key === 'Enter') {
                // A discount above the limit opens the approval instead
                discount.blur();
                focusScan();
            }
        });
        cell(discount, 'num');
        cell(money(lineTotals(line).gross), 'num line-amount');
        cell(button('×', () => removeLine(index), t('remove')), 'num');
        body.append(row);
    });
    const totals = cartTotals();
    $('cart-empty').hidden = state.cart.lines.length > 0;
    $('item-count').textContent = totals.count;
    $('total-tax').textContent = money(totals.tax);
    $('total').textContent = money(totals.total);
    $('pay-button').disabled = !state.cart.lines.length;
    renderMember();
}

function setQuantity(index, step) {
    const line = state.cart.lines[index];
    line.quantity += step;
    if (line.quantity <= 0) {
        state.cart.lines.splice(index, 1);
    }
    cartChanged();
    focusScan();
}

function setDiscount(index, input) {
    const rate = Math.min(Math.max(parseFloat(input.value) || 0, 0), 100);
    // Whole hundredths of a percent keep the arithmetic exact
    state.cart.lines[index].discount = Math.round(rate * 100) / 100;
    cartChanged();
    if (needsApproval()) {
        askApproval(null);
    }
}

/* ---------- A manager's approval of a discount above the cashier's limit */

const maxDiscount = () => Math.max(0, ...state.cart.lines.map(l => l.discount));

function needsApproval() {
    const discount = maxDiscount();
    return discount > state.limit
        && !(state.approval && discount <= state.approval.discount);
}

let afterApproval = null;

// Ask a manager on the spot; then go on with next, if any
function askApproval(next) {
    afterApproval = next;
    $('approval-hint').textContent = t('approvalHint',
        {rate: maxDiscount(), limit: state.limit});
    $('approval-error').textContent = '';
    $('approval-login').value = '';
    $('approval-password').value = '';
    $('approval-dialog').hidden = false;
    $('approval-login').focus();
}

function approve(event) {
    event.preventDefault();
    // The server checks the password with the sale
    state.approval = {
        login: $('approval-login').value.trim(),
        password: $('approval-password').value,
        discount: maxDiscount(),
    };
    $('approval-password').value = '';
    $('approval-dialog').hidden = true;
    renderApproval();
    const next = afterApproval;
    afterApproval = null;
    if (next) {
        next();
    } else {
        focusScan();
    }
}

// Without approval, the discounts come down to the cashier's limit
function cancelApproval() {
    $('approval-dialog').hidden = true;
    afterApproval = null;
    for (const line of state.cart.lines) {
        line.discount = Math.min(line.discount, state.limit);
    }
    cartChanged();
    focusScan();
}

function dropApproval() {
    state.approval = null;
    renderApproval();
}

function renderApproval() {
    const approval = state.approval;
    $('approved').hidden = !approval;
    $('approved').textContent = approval ?
        t('approvedBy', {login: approval.login, rate: approval.discount}) : '';
}

function removeLine(index) {
    state.cart.lines.splice(index, 1);
    cartChanged();
    focusScan();
}

function newCart() {
    state.cart = {lines: [], member: null, key: null};
    save('cart');
    dropApproval();
    renderCart();
}

function clearCart(ask = true) {
    if (ask && state.cart.lines.length && !confirm(t('confirmClear'))) {
        return;
    }
    newCart();
    focusScan();
}

/* ---------- Member */

async function findMember(event) {
    event.preventDefault();
    const phone = $('member-phone').value.replace(/\s/g, '');
    $('member-error').textContent = '';
    if (!phone) {
        return;
    }
    try {
        const parties = await rpc.searchRead('party.party', [
            ['contact_mechanisms', 'where', [
                ['type', 'in', ['phone', 'mobile']],
                ['OR', ['value', '=', phone], ['value_compact', '=', phone]],
            ]]],
            ['name', 'code', 'categories'], 2);
        if (!parties.length) {
            $('member-error').textContent = t('memberNotFound', {phone});
            return;
        }
        const party = parties[0];
        const categories = party.categories.length ? await rpc.model(
            'party.category', 'read', party.categories, ['name']) : [];
        state.cart.member = {
            id: party.id, name: party.name, code: party.code || '', phone,
            tier: categories.map(c => c.name).join('、'),
            points: null,  // kept by the loyalty programme, when there is one
        };
        $('member-phone').value = '';
        save('cart');
        renderMember();
    } catch (error) {
        $('member-error').textContent = error.message;
    }
    $('scan').focus();
}

function renderMember() {
    const member = state.cart.member;
    $('member-info').hidden = !member;
    $('member-form').hidden = !!member;
    if (member) {
        $('member-name').textContent = member.name;
        $('member-code').textContent = `${member.code} ${member.phone}`;
        $('member-tier').textContent = member.tier || '—';
        $('member-points').textContent = member.points ?? '—';
    }
}

function dropMember() {
    state.cart.member = null;
    save('cart');
    renderMember();
    focusScan();
}

/* ---------- Payment */

function randomKey() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    // Plain http on a LAN address has no randomUUID
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-`
        + `${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function openPay() {
    if (!state.cart.lines.length) {
        return;
    }
    if (needsApproval()) {
        askApproval(openPay);
        return;
    }
    // The key follows the sale through every attempt to send it
    if (!state.cart.key) {
        state.cart.key = randomKey();
        save('cart');
    }
    const body = $('pay-methods');
    body.replaceChildren();
    for (const method of state.methods) {
        const row = document.createElement('tr');
        const name = document.createElement('td');
        name.textContent = method.name;
        const input = document.createElement('input');
        input.type = 'number';
        input.min = 0;
        input.step = '0.01';
        input.dataset.method = method.id;
        input.name = `method-${method.id}`;
        input.addEventListener('input', renderPay);
        const amount = document.createElement('td');
        amount.append(input);
        const all = document.createElement('td');
        all.append(button(t('all'), () => {
            input.value = '';
            input.value = formatCents(Math.max(payState().remaining, 0));
            renderPay();
            input.focus();
        }));
        row.append(name, amount, all);
        body.append(row);
    }
    $('pay-error').textContent = '';
    $('pay-offline').hidden = true;
    $('park-button').hidden = true;
    $('pay-back').hidden = false;
    $('pay-submit').disabled = false;
    $('pay-dialog').hidden = false;
    closeResults();
    renderPay();
    const first = body.querySelector('input');
    if (first) {
        first.focus();
    }
}

// The cart was paid but not sent before the reload: it waits, locked
function resumePay(sale) {
    openPay();
    for (const payment of sale.order.payments) {
        const input = $('pay-methods').querySelector(
            `input[data-method="${payment.method}"]`);
        if (input) {
            input.value = payment.amount.decimal;
        }
    }
    renderPay();
    $('pay-back').hidden = true;
    $('pay-submit').disabled = true;
    offline(true);
}

function payments() {
    return [...$('pay-methods').querySelectorAll('input')]
        .map(input => ({
            method: state.methods.find(m => m.id === Number(input.dataset.method)),
            cents: toUnits(input.value || '0', 2),
        }))
        .filter(p => p.cents > 0);
}

function payState() {
    const total = cartTotals().total;
    const paid = payments().reduce((sum, p) => sum + p.cents, 0);
    const other = payments().filter(p => !p.method.cash)
        .reduce((sum, p) => sum + p.cents, 0);
    return {
        total, paid, remaining: total - paid,
        change: Math.max(paid - total, 0), overpaid: other > total,
    };
}

function renderPay() {
    const pay = payState();
    $('pay-error').textContent = '';
    $('pay-total').textContent = money(pay.total);
    $('pay-paid').textContent = money(pay.paid);
    $('pay-remaining').textContent = money(Math.max(pay.remaining, 0));
    $('pay-change').textContent = money(pay.change);
}

function closePay() {
    $('pay-dialog').hidden = true;
    focusScan();
}

function submitPay(event) {
    event.preventDefault();
    const pay = payState();
    if (pay.remaining > 0) {
        $('pay-error').textContent = t('notPaid', {amount: money(pay.remaining)});
        return;
    }
    if (pay.overpaid) {
        $('pay-error').textContent = t('overpaid');
        return;
    }
    if (needsApproval()) {
        askApproval(() => $('pay-form').requestSubmit());
        return;
    }
    const cart = state.cart;
    const order = {
        key: cart.key,
        lines: cart.lines.map(line => ({
            product: line.product,
            quantity: line.quantity,
            discount: {'__class__': 'Decimal',
                'decimal': String(line.discount / 100)},
        })),
        payments: payments().map(p => ({
            method: p.method.id, amount: decimal(p.cents)})),
    };
    if (cart.member) {
        order.member = cart.member.id;
    }
    if (maxDiscount() > state.limit) {
        const {login, password} = state.approval;
        order.approval = {login, password};
    }
    // What the receipt shows besides the server's answer
    const slip = {
        store: state.point.store, till: state.point.name,
        cashier: state.user.name, date: new Date().toISOString(),
        member: cart.member,
        lines: cart.lines.map(line => ({
            name: line.name, quantity: line.quantity, discount: line.discount,
            price: roundHalfEven(discounted(line.gross, line.discount), 100),
            amount: lineTotals(line).gross,
        })),
        payments: payments().map(p => ({name: p.method.name, cents: p.cents})),
    };
    const sale = {key: cart.key, pointId: state.point.id, order, slip};
    // Kept before sending: a reload or a lost answer does not lose it
    state.pending = state.pending.filter(p => p.key !== sale.key);
    state.pending.push(sale);
    save('pending');
    // Paid: the sale can no longer be changed, only sent
    $('pay-back').hidden = true;
    send(sale, true);
}

/* ---------- Sending and retrying */

let retryTimer = null;
let retryDelay = 2000;
let sending = false;

async function send(sale, current) {
    $('pay-submit').disabled = true;
    $('pay-error').textContent = '';
    try {
        const receipt = await rpc.model(
            'sale.point.sale', 'checkout', sale.pointId, sale.order);
        sent(sale, receipt);
        return true;
    } catch (error) {
        if (error instanceof NetworkError) {
            offline(current);
        } else if (error instanceof SessionError) {
            // Kept to send once the cashier signed in again
            signOut();
            $('signin-error').textContent = error.message;
        } else {
            // The server refused the sale: the cashier corrects the cart,
            // a manager approves again
            dropPending(sale.key);
            if (sale.order.approval) {
                dropApproval();
            }
            if (current) {
                $('pay-error').textContent = error.message;
                $('pay-submit').disabled = false;
                $('pay-back').hidden = false;
            } else {
                alert(`${sale.slip.till} ${money(sale.slip.payments.reduce(
                    (sum, p) => sum + p.cents, 0))}：${error.message}`);
            }
        }
        return false;
    } finally {
        renderNetwork();
    }
}

function sent(sale, receipt) {
    dropPending(sale.key);
    if (state.cart.key === sale.key) {
        newCart();
        $('pay-dialog').hidden = true;
        showReceipt(sale.slip, receipt);
    }
}

function dropPending(key) {
    state.pending = state.pending.filter(p => p.key !== key);
    save('pending');
}

function offline(current) {
    if (current) {
        $('pay-offline').textContent = t('offline');
        $('pay-offline').hidden = false;
        $('park-button').hidden = false;
    }
    scheduleRetry();
}

function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retryPending, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
}

async function retryPending() {
    if (sending || !state.user || !state.pending.length) {
        return;
    }
    sending = true;
    try {
        for (const sale of [...state.pending]) {
            const current = state.cart.key === sale.key
                && !$('pay-dialog').hidden;
            if (!await send(sale, current)) {
                if (state.pending.some(p => p.key === sale.key)) {
                    return;  // still offline: the next retry is scheduled
                }
            }
        }
        retryDelay = 2000;
    } finally {
        sending = false;
    }
}

// Leave the sale to be sent in the background and serve the next customer
function park() {
    newCart();
    closePay();
}

function renderNetwork() {
    const count = state.pending.length;
    $('network').hidden = !count;
    $('network').textContent = count ?
        `${t('offline')} · ${t('pending', {count})}` : '';
}

/* ---------- Receipt */

function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) {
        element.className = className;
    }
    return element;
}

function pair(label, value, className) {
    const row = document.createElement('tr');
    const right = text('td', value);
    right.style.textAlign = 'right';
    row.append(text('td', label), right);
    if (className) {
        row.className = className;
    }
    return row;
}

function showReceipt(slip, receipt) {
    const article = $('receipt');
    article.replaceChildren();
    const date = new Date(slip.date);
    const pad = n => String(n).padStart(2, '0');
    article.append(
        text('h3', slip.store),
        text('p', slip.title || t('receiptTitle'), 'center'),
        text('div', '', 'rule'),
        text('p', `${t('till')}：${slip.till}`),
        text('p', `${t('number')}：${receipt.number}`, 'receipt-number'));
    if (slip.original) {
        article.append(text('p', `${t('originalNumber')}：${slip.original}`));
    }
    article.append(
        text('p', `${t('date')}：${date.getFullYear()}-${pad(date.getMonth() + 1)}-`
            + `${pad(date.getDate())} ${pad(date.getHours())}:`
            + `${pad(date.getMinutes())}`),
        text('p', `${t('cashierShort')}：${slip.cashier}`));
    if (slip.member) {
        article.append(text('p', `${t('member')}：${slip.member.name} `
            + `${slip.member.phone.slice(0, 3)}****${slip.member.phone.slice(-4)}`));
    }
    article.append(text('div', '', 'rule'));
    const lines = document.createElement('table');
    for (const line of slip.lines) {
        lines.append(pair(line.name, ''));
        lines.append(pair(`  ${line.quantity} × ${formatCents(line.price)}`
            + (line.discount ? ` (${t('discountShort', {rate: line.discount})})` : ''),
            formatCents(line.amount)));
    }
    article.append(lines, text('div', '', 'rule'));
    const totals = document.createElement('table');
    totals.append(pair(t('receiptTotal'), money(toUnits(receipt.total, 2)),
        'strong receipt-total'));
    for (const payment of slip.payments) {
        totals.append(pair(payment.name, money(payment.cents)));
    }
    totals.append(pair(t('receiptChange'), money(toUnits(receipt.change, 2)),
        'receipt-change'));
    article.append(totals, text('div', '', 'rule'), text('p', t('thanks'), 'center'));
    $('receipt-dialog').hidden = false;
}

function setPaper() {
    const width = $('paper').value;
    document.body.classList.remove('paper-58', 'paper-80');
    document.body.classList.add(`paper-${width}`);
    localStorage.setItem(storageKey('paper'), width);
}

function nextSale() {
    $('receipt-dialog').hidden = true;
    focusScan();
}

/* ---------- Wiring */

const ACTIONS = {
    'sign-out': signOut,
    'change-point': () => {
        localStorage.removeItem(storageKey('point'));
        choosePoint();
    },
    'pay': openPay,
    'cancel-pay': closePay,
    'park': park,
    'clear-cart': () => clearCart(true),
    'drop-member': dropMember,
    'print': () => window.print(),
    'next-sale': nextSale,
    'cancel-approval': cancelApproval,
};

function wire() {
    document.addEventListener('click', event => {
        const target = event.target.closest('[data-action]');
        if (target) {
            ACTIONS[target.dataset.action]();
        }
    });
    $('signin-form').addEventListener('submit', signIn);
    $('scan').addEventListener('keydown', onScanKey);
    $('scan').addEventListener('input', onScanInput);
    $('scan').addEventListener('blur', () => setTimeout(focusScan, 0));
    $('member-form').addEventListener('submit', findMember);
    $('pay-form').addEventListener('submit', submitPay);
    $('approval-form').addEventListener('submit', approve);
    $('paper').addEventListener('change', setPaper);
    window.addEventListener('online', retryPending);
    // A key pressed outside any field goes to the scan field
    document.addEventListener('keydown', event => {
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
            focusScan();
        }
    });
}

async function main() {
    translatePage();
    wire();
    $('paper').value = localStorage.getItem(storageKey('paper')) || '80';
    setPaper();
    state.cart = load('cart', state.cart);
    state.pending = load('pending', []);
    state.user = load('user', null);
    if (state.user) {
        try {
            await startSession();
            return;
        } catch (error) {
            state.user = null;
            rpc.session = null;
            if (!(error instanceof SessionError)) {
                $('signin-error').textContent = error.message;
            }
        }
    }
    show('signin');
    $('login').focus();
}

// The screen's other scripts (returns.js, session.js) add their texts and
// actions first
document.addEventListener('DOMContentLoaded', main);
