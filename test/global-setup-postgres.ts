/** @module Global setup of the postgres test project. */
import { setupPostgres } from './global-setup.ts';

export default setupPostgres;
