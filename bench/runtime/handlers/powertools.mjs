import { getParameter } from '@aws-lambda-powertools/parameters/ssm';

export const handler = async () => getParameter('/bench/p00', { decrypt: true });
