import { cliConfig } from './prisma/cli-config';

export default cliConfig('sqlite');
