/** The Verify v2 API as a route table: path patterns, HTTP methods, and the state-engine operation behind each. */
import { paginate } from './pagination';
import { renderBucket, renderRateLimit, renderService, renderVerification, renderVerificationCheck } from './render';
import {
	renderAttempt,
	renderAttemptsSummary,
	renderMessagingConfiguration,
	renderSafeListEntry,
	renderTemplate,
	renderWebhook,
} from './renderAccount';
import { renderChallenge, renderEntity, renderFactor, renderNewFactor, totpIssuer } from './renderFactors';
import type { NestedResources } from './serviceState';
import type { VerifyState } from './state';

/** What a route handler gets for one authenticated API request. */
export interface RouteContext {
	state: VerifyState;
	/** The caller's account SID followed by the path's SIDs in order: the order the engine methods take them. */
	ids: string[];
	/** POST parameters (empty unless the body is form-encoded). */
	form: URLSearchParams;
	query: URLSearchParams;
	baseUrl: string;
	/** The request path without a trailing slash. */
	pathname: string;
}

export interface RouteAnswer {
	status: number;
	/** Absent for 204. */
	body?: unknown;
}

type Method = 'GET' | 'POST' | 'DELETE';

export interface Route {
	pattern: string;
	methods: Partial<Record<Method, (context: RouteContext) => RouteAnswer>>;
}

interface Operations<T> {
	list?: (state: VerifyState, ids: string[]) => T[];
	fetch?: (state: VerifyState, ids: string[]) => T;
	create?: (state: VerifyState, ids: string[], form: URLSearchParams) => T;
	update?: (state: VerifyState, ids: string[], form: URLSearchParams) => T;
	check?: (state: VerifyState, ids: string[], form: URLSearchParams) => T;
	remove?: (state: VerifyState, ids: string[]) => void;
}

/**
 * Builds the HTTP methods of one route from engine operations:
 *   list   -> GET, paginated under `listKey`    fetch  -> GET, 200
 *   create -> POST, 201                          update -> POST, 200
 *   check  -> POST, 200 (VerificationCheck)      remove -> DELETE, 204
 */
function route<T extends { sid: string }>(
	pattern: string,
	render: (record: T, baseUrl: string) => unknown,
	operations: Operations<T>,
	listKey = '',
): Route {
	const methods: Route['methods'] = {};
	const { list, fetch, create, update, check, remove } = operations;
	if (list) {
		methods.GET = (c) => ({
			status: 200,
			body: paginate(list(c.state, c.ids), c.query, {
				baseUrl: c.baseUrl,
				path: c.pathname,
				key: listKey,
				render: (record) => render(record, c.baseUrl),
			}),
		});
	}
	if (fetch) methods.GET = (c) => ({ status: 200, body: render(fetch(c.state, c.ids), c.baseUrl) });
	if (create) methods.POST = (c) => ({ status: 201, body: render(create(c.state, c.ids, c.form), c.baseUrl) });
	if (update) methods.POST = (c) => ({ status: 200, body: render(update(c.state, c.ids, c.form), c.baseUrl) });
	// Real Twilio answers checks with 200 (the OpenAPI also lists 201).
	if (check) methods.POST = (c) => ({ status: 200, body: render(check(c.state, c.ids, c.form), c.baseUrl) });
	if (remove) {
		methods.DELETE = (c) => {
			remove(c.state, c.ids);
			return { status: 204 };
		};
	}
	return { pattern, methods };
}

/** A list whose query filters the records; the filters are carried into the page URLs, as Twilio does. */
function filteredList<T extends { sid: string }>(
	pattern: string,
	render: (record: T, baseUrl: string) => unknown,
	list: (state: VerifyState, ids: string[], query: URLSearchParams) => T[],
	listKey: string,
	filters: string[],
): Route {
	return {
		pattern,
		methods: {
			GET: (c) => ({
				status: 200,
				body: paginate(list(c.state, c.ids, c.query), c.query, {
					baseUrl: c.baseUrl,
					path: c.pathname,
					key: listKey,
					render: (record) => render(record, c.baseUrl),
					filters,
				}),
			}),
		},
	};
}

const ATTEMPT_FILTERS = [
	'DateCreatedAfter',
	'DateCreatedBefore',
	'ChannelData.To',
	'Country',
	'Channel',
	'VerifyServiceSid',
	'VerificationSid',
	'Status',
];

/** Two routes' methods on one path (a list and its create, built differently). */
function merged(first: Route, second: Route): Route {
	return { pattern: first.pattern, methods: { ...first.methods, ...second.methods } };
}

/**
 * A nested resource's collection (list, create) and its records (fetch, update, delete) at `${collection}/${item}`.
 * Listing and fetching read the engine's records by the path's SIDs; the rest are the engine's own operations.
 */
function nestedRoutes<K extends keyof NestedResources>(
	collection: string,
	item: string,
	resource: K,
	listKey: string,
	render: (record: NestedResources[K], baseUrl: string) => unknown,
	{ create, update, remove }: Pick<Operations<NestedResources[K]>, 'create' | 'update' | 'remove'>,
): Route[] {
	return [
		route(collection, render, { list: (state, ids) => state.nestedRecords(resource).list(ids), create }, listKey),
		route(`${collection}/${item}`, render, { fetch: (state, ids) => state.nestedRecords(resource).find(ids), update, remove }),
	];
}

const SERVICE = '/v2/Services/:serviceSid';
const ENTITY = `${SERVICE}/Entities/:identity`;

/** Entities, their TOTP factors and challenges. */
const FACTOR_ROUTES: readonly Route[] = [
	...nestedRoutes(`${SERVICE}/Entities`, ':identity', 'entities', 'entities', renderEntity, {
		create: (state, [account, service], form) => state.createEntity(account, service, form),
		remove: (state, [account, service, identity]) => state.deleteEntity(account, service, identity),
	}),
	merged(route(`${ENTITY}/Factors`, renderFactor, { list: (state, ids) => state.nestedRecords('factors').list(ids) }, 'factors'), {
		pattern: `${ENTITY}/Factors`,
		methods: {
			// The only answer that carries the factor's binding: its secret and otpauth:// URI.
			POST: ({ state, ids: [account, service, identity], form, baseUrl }) => {
				const factor = state.createFactor(account, service, identity, form);
				return { status: 201, body: renderNewFactor(factor, totpIssuer(state.getService(account, service)), baseUrl) };
			},
		},
	}),
	route(`${ENTITY}/Factors/:sid`, renderFactor, {
		fetch: (state, ids) => state.nestedRecords('factors').find(ids),
		update: (state, [account, service, identity, sid], form) => state.updateFactor(account, service, identity, sid, form),
		remove: (state, [account, service, identity, sid]) => state.deleteFactor(account, service, identity, sid),
	}),
	merged(
		filteredList(
			`${ENTITY}/Challenges`,
			renderChallenge,
			(state, [account, service, identity], query) => state.listChallenges(account, service, identity, query),
			'challenges',
			['FactorSid', 'Status', 'Order'],
		),
		route(`${ENTITY}/Challenges`, renderChallenge, {
			create: (state, [account, service, identity], form) => state.createChallenge(account, service, identity, form),
		}),
	),
	route(`${ENTITY}/Challenges/:sid`, renderChallenge, {
		fetch: (state, [account, service, identity, sid]) => state.getChallenge(account, service, identity, sid),
		update: (state, [account, service, identity, sid], form) => state.updateChallenge(account, service, identity, sid, form),
	}),
];

/** A Service's rate limits and their buckets, webhooks and messaging configurations. */
const SERVICE_CONFIG_ROUTES: readonly Route[] = [
	...nestedRoutes(`${SERVICE}/RateLimits`, ':rateLimitSid', 'rateLimits', 'rate_limits', renderRateLimit, {
		create: (state, [account, service], form) => state.createRateLimit(account, service, form),
		update: (state, [account, service, rateLimit], form) => state.updateRateLimit(account, service, rateLimit, form),
		remove: (state, [account, service, rateLimit]) => state.deleteRateLimit(account, service, rateLimit),
	}),
	...nestedRoutes(`${SERVICE}/RateLimits/:rateLimitSid/Buckets`, ':sid', 'buckets', 'buckets', renderBucket, {
		create: (state, [account, service, rateLimit], form) => state.createBucket(account, service, rateLimit, form),
		update: (state, [account, service, rateLimit, sid], form) => state.updateBucket(account, service, rateLimit, sid, form),
		remove: (state, [account, service, rateLimit, sid]) => state.deleteBucket(account, service, rateLimit, sid),
	}),
	...nestedRoutes(`${SERVICE}/Webhooks`, ':sid', 'webhooks', 'webhooks', renderWebhook, {
		create: (state, [account, service], form) => state.createWebhook(account, service, form),
		update: (state, [account, service, sid], form) => state.updateWebhook(account, service, sid, form),
		remove: (state, [account, service, sid]) => state.deleteWebhook(account, service, sid),
	}),
	...nestedRoutes(`${SERVICE}/MessagingConfigurations`, ':country', 'messagingConfigurations', 'messaging_configurations', renderMessagingConfiguration, {
		create: (state, [account, service], form) => state.createMessagingConfiguration(account, service, form),
		update: (state, [account, service, country], form) => state.updateMessagingConfiguration(account, service, country, form),
		remove: (state, [account, service, country]) => state.deleteMessagingConfiguration(account, service, country),
	}),
];

/** The Verify v2 resources the sandbox implements. */
const API_ROUTES: readonly Route[] = [
	route(
		'/v2/Services',
		renderService,
		{
			list: (state, [account]) => state.listServices(account),
			create: (state, [account], form) => state.createService(account, form),
		},
		'services',
	),
	route(SERVICE, renderService, {
		fetch: (state, [account, service]) => state.getService(account, service),
		update: (state, [account, service], form) => state.updateService(account, service, form),
		remove: (state, [account, service]) => state.deleteService(account, service),
	}),
	route(`${SERVICE}/Verifications`, renderVerification, {
		create: (state, [account, service], form) => state.startVerification(account, service, form),
	}),
	route(`${SERVICE}/Verifications/:sid`, renderVerification, {
		fetch: (state, [account, service, sid]) => state.getVerification(account, service, sid),
		update: (state, [account, service, sid], form) => state.updateVerification(account, service, sid, form),
	}),
	route(`${SERVICE}/VerificationCheck`, renderVerificationCheck, {
		check: (state, [account, service], form) => state.checkVerification(account, service, form),
	}),
	...SERVICE_CONFIG_ROUTES,
	route('/v2/SafeList/Numbers', renderSafeListEntry, {
		create: (state, [account], form) => state.addToSafeList(account, form),
	}),
	route('/v2/SafeList/Numbers/:phoneNumber', renderSafeListEntry, {
		fetch: (state, [account, phoneNumber]) => state.getSafeListNumber(account, phoneNumber),
		remove: (state, [account, phoneNumber]) => state.removeFromSafeList(account, phoneNumber),
	}),
	filteredList('/v2/Attempts', renderAttempt, (state, [account], query) => state.listAttempts(account, query), 'attempts', ATTEMPT_FILTERS),
	// Before /v2/Attempts/:sid, which would otherwise take "Summary" for a SID.
	{
		pattern: '/v2/Attempts/Summary',
		methods: {
			GET: (c) => ({ status: 200, body: renderAttemptsSummary(c.state.summarizeAttempts(c.ids[0], c.query), c.baseUrl) }),
		},
	},
	route('/v2/Attempts/:sid', renderAttempt, {
		fetch: (state, [account, sid]) => state.getAttempt(account, sid),
	}),
	filteredList('/v2/Templates', renderTemplate, (state, [account], query) => state.listTemplates(account, query), 'templates', [
		'FriendlyName',
	]),
	...FACTOR_ROUTES,
];

/** Matches `/v2/Services/:serviceSid` style patterns; returns the captured segments in order, or null. */
function matchPattern(pattern: string, pathname: string): string[] | null {
	const patternParts = pattern.split('/');
	const pathParts = pathname.replace(/\/+$/, '').split('/');
	if (patternParts.length !== pathParts.length) return null;
	const captured: string[] = [];
	for (let i = 0; i < patternParts.length; i += 1) {
		const expected = patternParts[i];
		if (expected.startsWith(':')) {
			if (!pathParts[i]) return null;
			captured.push(decodeURIComponent(pathParts[i]));
		} else if (expected !== pathParts[i]) {
			return null;
		}
	}
	return captured;
}

/** The route for a path and the path's SIDs, or undefined (20404). */
export function findRoute(pathname: string): { route: Route; sids: string[] } | undefined {
	for (const candidate of API_ROUTES) {
		const sids = matchPattern(candidate.pattern, pathname);
		if (sids) return { route: candidate, sids };
	}
	return undefined;
}
