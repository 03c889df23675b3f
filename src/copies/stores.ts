// Which resources are data stores: stateful cloud services whose loss loses data. The built-in
// list covers AWS (classic and aws-native providers); config `dataClass.storeTypes` adds type
// patterns (Azure, GCP, or anything else), matched like AWS Backup patterns (`*` any run).
import { compilePattern, type Pattern } from "./patterns.js";

export const DATA_STORE_TYPES: readonly string[] = [
  // object storage
  "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/directoryBucket:DirectoryBucket",
  "aws-native:s3:Bucket", "aws-native:s3express:DirectoryBucket",
  // key-value and wide-column
  "aws:dynamodb/table:Table", "aws:dynamodb/globalTable:GlobalTable",
  "aws-native:dynamodb:Table", "aws-native:dynamodb:GlobalTable",
  "aws:keyspaces/table:Table", "aws-native:cassandra:Table",
  "aws:timestreamwrite/table:Table", "aws-native:timestream:Table",
  // relational and document databases
  "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws-native:rds:DbInstance", "aws-native:rds:DbCluster",
  "aws:docdb/cluster:Cluster", "aws:docdb/elasticCluster:ElasticCluster", "aws-native:docdbelastic:Cluster",
  "aws:neptune/cluster:Cluster", "aws-native:neptune:DbCluster",
  "aws:redshift/cluster:Cluster", "aws:redshiftserverless/namespace:Namespace",
  "aws-native:redshift:Cluster", "aws-native:redshiftserverless:Namespace",
  "aws:qldb/ledger:Ledger",
  // search, caches with snapshots
  "aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain", "aws-native:opensearchservice:Domain",
  "aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster",
  "aws:elasticache/serverlessCache:ServerlessCache", "aws-native:elasticache:ServerlessCache",
  "aws:memorydb/cluster:Cluster", "aws-native:memorydb:Cluster",
  // file and block storage
  "aws:efs/fileSystem:FileSystem", "aws-native:efs:FileSystem",
  "aws:fsx/lustreFileSystem:LustreFileSystem", "aws:fsx/windowsFileSystem:WindowsFileSystem",
  "aws:fsx/ontapFileSystem:OntapFileSystem", "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
  "aws:ebs/volume:Volume", "aws-native:ec2:Volume",
];

export const S3_BUCKET_TYPES = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket"]);

export class StoreTypes {
  private readonly exact = new Set(DATA_STORE_TYPES);
  private readonly patterns: Pattern[];
  constructor(extra: readonly string[] = []) {
    this.patterns = extra.map(compilePattern);
  }
  private readonly known = new Map<string, boolean>();
  has(type: string): boolean {
    let yes = this.known.get(type);
    if (yes === undefined) this.known.set(type, (yes = this.exact.has(type) || this.patterns.some((p) => p.test(type))));
    return yes;
  }
}
