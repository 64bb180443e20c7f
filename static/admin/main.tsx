import { mountSurface } from '../shared/mount';
import { AdminApp } from './AdminApp';

mountSurface(<AdminApp />);
