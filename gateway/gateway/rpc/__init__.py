"""RPC from the gateway to nameko services.

``client.RpcClient`` (asyncio, aio-pika) and ``pool.ProxyPool`` (threads,
nameko's ClusterRpcProxy) share the error types of ``errors``. The pool is not
re-exported here so that importing the asyncio client never imports nameko
and eventlet.
"""

from .client import RpcClient
from .errors import ConnectionLost, RemoteError, RpcError, RpcTimeout, ServiceUnavailable

__all__ = [
    "ConnectionLost",
    "RemoteError",
    "RpcClient",
    "RpcError",
    "RpcTimeout",
    "ServiceUnavailable",
]
