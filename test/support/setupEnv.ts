// n8n's engine logs every node error through its console logger; tests assert on the errors instead.
process.env.N8N_LOG_LEVEL = 'silent';
