import { Router } from 'express';
import * as profileController from '../controllers/profile.controller';
import { auth } from '../middleware/auth';
import { validate } from '../middleware/validate';
import * as profileSchemas from '../validations/profile.validation';

export const profileRouter = Router();

profileRouter.get('/:username', auth.optional, validate(profileSchemas.byUsername), profileController.get);
profileRouter.post('/:username/follow', auth.required, validate(profileSchemas.byUsername), profileController.follow);
profileRouter.delete('/:username/follow', auth.required, validate(profileSchemas.byUsername), profileController.unfollow);
