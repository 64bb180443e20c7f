import { mountSurface } from '../shared/mount';
import { MyAccountsApp } from './MyAccountsApp';

mountSurface(<MyAccountsApp />);
