/** The node's resources and the operations of each, as the router and the operation maps are typed. */
export type CrudOperation = 'create' | 'delete' | 'get' | 'getAll' | 'update';

export type TwilioVerifyServiceMap = {
	service: CrudOperation;
	rateLimit: CrudOperation;
	bucket: CrudOperation;
};

export type TwilioVerifyServiceResource = keyof TwilioVerifyServiceMap;
