import { z } from 'zod';
import { method } from './define';

export const caseMethods = {
};
