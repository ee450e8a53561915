/** @module Global setup of the pglite test project. */
import { setupPglite } from './global-setup.ts';

export default setupPglite;
