import { Router } from 'express';
import * as userController from '../controllers/user.controller';
import { auth } from '../middleware/auth';
import { validate } from '../middleware/validate';
import * as userSchemas from '../validations/user.validation';

/** /users (sign-up, login) and /user (the current user). */
export const userRouter = Router();

userRouter.post('/users', validate(userSchemas.register), userController.register);
userRouter.post('/users/login', validate(userSchemas.login), userController.login);
userRouter.get('/user', auth.required, userController.getCurrent);
userRouter.put('/user', auth.required, validate(userSchemas.update), userController.updateCurrent);
