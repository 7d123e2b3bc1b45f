import { defineSecrets } from 'hush';

const secrets = defineSecrets({ db: 'ssm:/bench/p00' });

export const handler = async () => (await secrets.load()).db.reveal();
