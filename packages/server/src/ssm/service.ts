import type { Service } from '../protocol/services.js';
import { addTagsToResource } from './operations/addTagsToResource.js';
import { deleteParameter } from './operations/deleteParameter.js';
import { deleteParameters } from './operations/deleteParameters.js';
import { describeParameters } from './operations/describeParameters.js';
import { getParameter } from './operations/getParameter.js';
import { getParameterHistory } from './operations/getParameterHistory.js';
import { getParameters } from './operations/getParameters.js';
import { getParametersByPath } from './operations/getParametersByPath.js';
import { labelParameterVersion } from './operations/labelParameterVersion.js';
import { listTagsForResource } from './operations/listTagsForResource.js';
import { putParameter } from './operations/putParameter.js';
import { removeTagsFromResource } from './operations/removeTagsFromResource.js';
import { unlabelParameterVersion } from './operations/unlabelParameterVersion.js';
import { ssmMigrations } from './schema.js';

export const ssmService: Service = {
  targetPrefix: 'AmazonSSM',
  signingName: 'ssm',
  migrations: ssmMigrations,
  operations: [
    putParameter,
    getParameter,
    getParameters,
    getParametersByPath,
    deleteParameter,
    deleteParameters,
    describeParameters,
    getParameterHistory,
    labelParameterVersion,
    unlabelParameterVersion,
    addTagsToResource,
    removeTagsFromResource,
    listTagsForResource,
  ],
};
