/** The node's resources and the operations of each, as the router and the operation maps are typed. */
export type CrudOperation = 'create' | 'delete' | 'get' | 'getAll' | 'update';

export type TwilioVerifyServiceMap = {
	service: CrudOperation;
	rateLimit: CrudOperation;
	bucket: CrudOperation;
	safeList: 'add' | 'get' | 'remove';
	verificationAttempt: 'get' | 'getAll' | 'getSummary';
	webhook: CrudOperation;
	messagingConfiguration: CrudOperation;
	template: 'getAll';
	entity: 'create' | 'delete' | 'get' | 'getAll';
	factor: 'create' | 'delete' | 'get' | 'getAll' | 'verify';
	challenge: 'create' | 'get' | 'getAll';
};

export type TwilioVerifyServiceResource = keyof TwilioVerifyServiceMap;
